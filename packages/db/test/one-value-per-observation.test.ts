import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/create-db.js';
import { migrateToLatest } from '../src/migrate.js';
import { migrationProvider, migrations } from '../src/migrations/index.js';
import { seedId } from '../src/seed/ids.js';
import { countryId, loadSeed } from '../src/seed/load-seed.js';
import { databasesFor, targets } from './support/databases.js';

// One value per WHO observation, on the embedded database and on PostgreSQL: the migration
// merges the second values earlier GHO imports stored beside the seed's, and the database
// refuses any further second WHO value, whoever writes it. (The databases: support/databases.ts.)

const MMR = 'MDG_0000000026';
const THIS_MIGRATION = '0019_one_value_per_observation';
/** The migration before this one, whatever it is named. */
const previous = Object.keys(migrations)[Object.keys(migrations).indexOf(THIS_MIGRATION) - 1]!;
const seeded = (country: string) =>
  seedId(`indicator_observation:${MMR}:${country}:2023:mmeig-2025-04`);
const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());
const parse = (value: unknown) =>
  (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown> | null;

// Each test builds and seeds a database of its own from the first migration: on PGlite, on a
// busy machine, that alone can take half a minute.
describe.each(targets)(
  'one value per WHO observation on $name',
  { timeout: 120_000 },
  ({ postgres: onPostgres }) => {
    const databases = databasesFor(onPostgres);

    /** A database of the test's own, seeded at the schema before this migration. */
    async function seededBeforeMigration(): Promise<DbHandle> {
      const handle = await databases.create();
      const { error } = await new Migrator({
        db: handle.db,
        provider: migrationProvider,
      }).migrateTo(previous);
      if (error) throw error;
      await loadSeed(handle.db);
      return handle;
    }

    it('merges the second values an earlier import stored into the seed’s, keeping WHO’s newest value, and the seed’s round where the newest names none, with audit entries', async () => {
      const { db } = await seededBeforeMigration();
      // As the earlier import stored them: its own source, and a second row per country, matched
      // by the GHO fact's key only, without an estimation round.
      const source = await db
        .insertInto('source')
        .values({
          title: `Maternal mortality ratio (per 100 000 live births): WHO Global Health Observatory, indicator ${MMR}`,
          publisher: 'World Health Organization',
          url: `https://ghoapi.azureedge.net/api/${MMR}`,
          kind: 'statistical_database',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const imported = (
        alpha2: string,
        alpha3: string,
        value: number,
        bounds: [number, number] | null,
        changedAt: string,
        note: string | null = null,
      ) =>
        sql`insert into indicator_observation (indicator_code, country_id, year, value, lower_bound,
        upper_bound, method, source_id, note, source_updated_at, external_key)
        values (${MMR}, ${countryId(alpha2)}, 2023, ${value}, ${bounds?.[0] ?? null},
        ${bounds?.[1] ?? null}, 'modelled_estimate', ${source.id}, ${note}, ${changedAt},
        ${`GHO/${MMR}/${alpha3}/2023/-`}) returning id`.execute(db);
      const mozambique = (await imported('MZ', 'MOZ', 82, [60, 113], '2025-04-07T07:00:00Z'))
        .rows[0] as { id: string };
      // WHO revised Uzbekistan's value after the seed's round; Belarus's came without bounds.
      const uzbekistan = (
        await imported('UZ', 'UZB', 25, [17, 39], '2026-01-15T00:00:00Z', 'Revised in 2026.')
      ).rows[0] as { id: string };
      const belarus = (await imported('BY', 'BLR', 1, null, '2025-04-07T07:00:00Z')).rows[0] as {
        id: string;
      };
      // An editor had recorded a later round of China's value, citing WHO.
      const china = (
        await sql`insert into indicator_observation (indicator_code, country_id, year, value,
        lower_bound, upper_bound, method, estimate_round, source_id, source_updated_at)
        values (${MMR}, ${countryId('CN')}, 2023, 15, 10, 20, 'modelled_estimate',
        'UN MMEIG, 2026 revision', ${source.id}, '2026-03-01T00:00:00Z') returning id`.execute(db)
      ).rows[0] as { id: string };
      const auditBefore = await db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();

      await migrateToLatest(db);

      const rows = await db
        .selectFrom('indicator_observation')
        .innerJoin('country', 'country.id', 'indicator_observation.country_id')
        .select([
          'country.code',
          'indicator_observation.id',
          'indicator_observation.value',
          'indicator_observation.lower_bound',
          'indicator_observation.upper_bound',
          'indicator_observation.method',
          'indicator_observation.period',
          'indicator_observation.estimate_round',
          'indicator_observation.source_id',
          'indicator_observation.source_updated_at',
          'indicator_observation.external_key',
          'indicator_observation.note',
          'indicator_observation.version',
          'indicator_observation.from_who',
        ])
        .where('indicator_observation.indicator_code', '=', MMR)
        .where('indicator_observation.year', '=', 2023)
        .orderBy('country.code')
        .orderBy('indicator_observation.period', 'desc')
        .execute();
      const round = 'UN MMEIG, April 2025';
      expect(
        rows.map((row) => ({ ...row, source_updated_at: iso(row.source_updated_at) })),
      ).toEqual([
        {
          code: 'BY',
          id: seeded('BY'),
          value: 1,
          lower_bound: 1,
          upper_bound: 2,
          method: 'modelled_estimate',
          period: null,
          estimate_round: round,
          source_id: source.id,
          source_updated_at: '2025-04-07T07:00:00.000Z',
          external_key: `GHO/${MMR}/BLR/2023/-`,
          note: null,
          version: 2,
          from_who: true,
        },
        {
          code: 'CN',
          id: seeded('CN'),
          value: 15,
          lower_bound: 10,
          upper_bound: 20,
          method: 'modelled_estimate',
          period: null,
          estimate_round: 'UN MMEIG, 2026 revision',
          source_id: source.id,
          source_updated_at: '2026-03-01T00:00:00.000Z',
          external_key: null,
          note: null,
          version: 2,
          from_who: true,
        },
        {
          code: 'MZ',
          id: seeded('MZ'),
          value: 82,
          lower_bound: 60,
          upper_bound: 113,
          method: 'modelled_estimate',
          period: null,
          estimate_round: round,
          source_id: source.id,
          source_updated_at: '2025-04-07T07:00:00.000Z',
          external_key: `GHO/${MMR}/MOZ/2023/-`,
          note: null,
          version: 2,
          from_who: true,
        },
        {
          code: 'UZ',
          id: seeded('UZ'),
          value: 25,
          lower_bound: 17,
          upper_bound: 39,
          method: 'modelled_estimate',
          period: null,
          estimate_round: round,
          source_id: source.id,
          source_updated_at: '2026-01-15T00:00:00.000Z',
          external_key: `GHO/${MMR}/UZB/2023/-`,
          note: 'Revised in 2026.',
          version: 2,
          from_who: true,
        },
        // Uzbekistan's own figure for part of the year is not WHO's: it stays as it was.
        {
          code: 'UZ',
          id: seedId(`indicator_observation:${MMR}:UZ:2023:national-jan-sep`),
          value: 14.1,
          lower_bound: null,
          upper_bound: null,
          method: 'national_report',
          period: 'January–September',
          estimate_round: null,
          source_id: seedId('source:uzbekistan-national-mmr-2023-q1-q3'),
          source_updated_at: null,
          external_key: null,
          note: 'National administrative figure; the modelled estimate for 2023 is 26.',
          version: 1,
          from_who: false,
        },
      ]);

      // Each row removed and each kept leaves an entry: what it was, and what it became.
      const entries = await db
        .selectFrom('audit_event')
        .select(['actor_name', 'action', 'record_type', 'record_id', 'before', 'after'])
        .where('id', '>', Number(auditBefore.id ?? 0))
        .execute();
      expect(
        entries
          .map((entry) => [
            entry.actor_name,
            entry.action,
            entry.record_type,
            entry.record_id,
            parse(entry.before)?.value,
            parse(entry.before)?.estimate_round,
            parse(entry.after)?.value ?? null,
            parse(entry.after)?.version ?? null,
          ])
          .sort((a, b) => String(a[3]).localeCompare(String(b[3]))),
      ).toEqual(
        [
          [belarus.id, 1, null, null, null],
          [china.id, 15, 'UN MMEIG, 2026 revision', null, null],
          [seeded('CN'), 16, round, 15, 2],
          [seeded('BY'), 1, round, 1, 2],
          [mozambique.id, 82, null, null, null],
          [seeded('MZ'), 82, round, 82, 2],
          [uzbekistan.id, 25, null, null, null],
          [seeded('UZ'), 26, round, 25, 2],
        ]
          .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
          .map(([id, ...values]) => [
            'migration 0019_one_value_per_observation',
            'mergeDuplicateObservations',
            'indicator_observation',
            id,
            ...values,
          ]),
      );
      // The change feed tells integrators which values went and which changed.
      const feed = await db
        .selectFrom('change_log')
        .select(['record_id', 'operation'])
        .where('record_id', 'in', [belarus.id, mozambique.id, uzbekistan.id, seeded('MZ')])
        .orderBy('record_id')
        .orderBy('seq')
        .execute();
      expect(feed).toEqual(
        [
          { record_id: belarus.id, operation: 'create' },
          { record_id: belarus.id, operation: 'delete' },
          { record_id: mozambique.id, operation: 'create' },
          { record_id: mozambique.id, operation: 'delete' },
          { record_id: uzbekistan.id, operation: 'create' },
          { record_id: uzbekistan.id, operation: 'delete' },
          { record_id: seeded('MZ'), operation: 'create' },
          { record_id: seeded('MZ'), operation: 'update' },
        ].sort((a, b) => a.record_id.localeCompare(b.record_id)),
      );
    });

    it('refuses a second WHO value for an observation, and takes a value of another publisher beside it, unless that publisher becomes WHO', async () => {
      const { db } = await seededBeforeMigration();
      await migrateToLatest(db);
      const second = (sourceId: string) =>
        sql`insert into indicator_observation (indicator_code, country_id, year, value, method, source_id)
        values (${MMR}, ${countryId('CN')}, 2023, 17, 'modelled_estimate', ${sourceId})`.execute(
          db,
        );
      const whoSource = await db
        .insertInto('source')
        .values({
          title: 'Another WHO request',
          publisher: 'World Health Organization',
          kind: 'statistical_database',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await expect(second(whoSource.id)).rejects.toThrow(/indicator_observation_who_identity_idx/);
      const other = await db
        .insertInto('source')
        .values({
          title: 'A national statistics yearbook',
          publisher: 'National Bureau of Statistics of China',
          kind: 'official_document',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await second(other.id);
      // Nor can a source become WHO's while it gives a second value of an observation.
      await expect(
        db
          .updateTable('source')
          .set({ publisher: 'World Health Organization' })
          .where('id', '=', other.id)
          .execute(),
      ).rejects.toThrow(/indicator_observation_who_identity_idx/);
      const values = await db
        .selectFrom('indicator_observation')
        .select(['value', 'from_who'])
        .where('indicator_code', '=', MMR)
        .where('country_id', '=', countryId('CN'))
        .where('year', '=', 2023)
        .orderBy('value')
        .execute();
      expect(values).toEqual([
        { value: 16, from_who: true },
        { value: 17, from_who: false },
      ]);
    });
  },
);
