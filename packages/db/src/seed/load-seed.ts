import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.js';
import type { CitedTable } from '../migrations/0007_citations.js';
import type { SubdivisionKind } from '../tables/places.table.js';
import { countries } from './countries.js';
import {
  agreements,
  donations,
  observations,
  organisations,
  people,
  programmes,
  targets,
  trainingEvents,
} from './facts.js';
import { iatiCodes } from './iati-codes.js';
import { seedId } from './ids.js';
import { isoSubdivisions } from './iso-3166-2.js';
import {
  dacHealthAndPopulationCodes,
  dacPurposeCodes,
  indicators,
  sources,
  subdivisions,
  topics,
} from './reference.js';
import { writeTranslations } from './translations.js';

/** The name under which this version of the seed is recorded in `seed_run`. */
export const SEED_NAME = 'facts-2026-11';

/**
 * The complete code lists, recorded apart from the facts so that a database seeded before they
 * were shipped receives them at its next start.
 */
export const CODE_LISTS_NAME = 'code-lists-iso-codes-4.15.0-iati-2.03';

/** The seed organisations' names in other languages, with their sources. */
export const TRANSLATIONS_NAME = 'translations-2026-12';

export const countryId = (code: string) => seedId(`country:${code}`);
export const subdivisionId = (code: string) => seedId(`subdivision:${code}`);
export const topicId = (code: string) => seedId(`topic:${code}`);

export interface SeedResult {
  /** False when this seed had already been loaded and nothing was written. */
  applied: boolean;
}

/**
 * Loads the seed data in one transaction. A seed that was loaded before is skipped, so records
 * users edited or removed since are left as they are; with `force` every row is offered again
 * and rows that already exist are kept unchanged.
 */
export async function loadSeed(
  db: Kysely<Database>,
  options: { force?: boolean } = {},
): Promise<SeedResult> {
  return db.transaction().execute(async (trx) => {
    const done = new Set(
      (
        await trx
          .selectFrom('seed_run')
          .select('name')
          .where('name', 'in', [SEED_NAME, CODE_LISTS_NAME, TRANSLATIONS_NAME])
          .execute()
      ).map((row) => row.name),
    );
    const parts = [
      { name: SEED_NAME, write: writeSeed },
      { name: CODE_LISTS_NAME, write: writeCodeLists },
      { name: TRANSLATIONS_NAME, write: writeTranslations },
    ].filter((part) => options.force || !done.has(part.name));
    // The facts first: their subdivisions keep the names the sources give them.
    for (const part of parts) {
      await part.write(trx);
      await trx
        .insertInto('seed_run')
        .values({ name: part.name })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return { applied: parts.length > 0 };
  });
}

/** What the graph calls a subdivision of each ISO 3166-2 category. */
function kindOf(category: string): SubdivisionKind {
  const lower = category.toLowerCase();
  if (lower.includes('city')) return 'city';
  if (lower.endsWith('republic')) return 'republic';
  if (lower.endsWith('province')) return 'province';
  if (lower.endsWith('region')) return 'region';
  return 'other';
}

/** Every ISO 3166-2 subdivision, the IATI code lists, the DAC health and population codes. */
async function writeCodeLists(trx: Transaction<Database>): Promise<void> {
  // Parents before the subdivisions in them, in slices within the parameter limit.
  const ordered = [...isoSubdivisions].sort(
    (a, b) => Number(a[3] !== undefined) - Number(b[3] !== undefined),
  );
  for (let start = 0; start < ordered.length; start += 2000) {
    await trx
      .insertInto('subdivision')
      .values(
        ordered.slice(start, start + 2000).map(([code, name, category, parent]) => ({
          id: subdivisionId(code),
          code,
          country_id: countryId(code.slice(0, 2)),
          name,
          kind: kindOf(category),
          category,
          parent_id: parent ? subdivisionId(parent) : null,
        })),
      )
      // A subdivision already there (one the facts name) keeps its name; it gains its category.
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          category: eb.ref('excluded.category'),
          parent_id: eb.ref('excluded.parent_id'),
        })),
      )
      .execute();
  }
  await trx
    .insertInto('subdivision_citation')
    .values(
      isoSubdivisions.map(([code]) => ({
        subject_id: subdivisionId(code),
        source_id: sources.isoCodes.id,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx
    .insertInto('iati_code')
    .values(iatiCodes)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx
    .insertInto('dac_purpose_code')
    .values(dacHealthAndPopulationCodes)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function writeSeed(trx: Transaction<Database>): Promise<void> {
  const insert = async <T extends keyof Database & string>(
    table: T,
    rows: ReadonlyArray<Parameters<ReturnType<Transaction<Database>['insertInto']>['values']>[0]>,
  ) => {
    if (rows.length === 0) return;
    await trx
      .insertInto(table)
      .values(rows as never)
      .onConflict((oc) => oc.doNothing())
      .execute();
  };
  const cite = async (table: CitedTable, subjectId: string, sourceIds: readonly string[]) =>
    insert(
      `${table}_citation`,
      sourceIds.map((source_id) => ({ subject_id: subjectId, source_id })),
    );

  await insert('source', Object.values(sources));

  await insert(
    'country',
    countries.map(([code, alpha3, numeric, name, officialName]) => ({
      id: countryId(code),
      code,
      alpha3,
      numeric_code: numeric,
      name,
      official_name: officialName ?? null,
    })),
  );
  await insert(
    'subdivision',
    subdivisions.map((subdivision) => ({
      ...subdivision,
      id: subdivisionId(subdivision.code),
      country_id: countryId(subdivision.code.slice(0, 2)),
    })),
  );
  await insert(
    'country_citation',
    countries.map(([code]) => ({ subject_id: countryId(code), source_id: sources.isoCodes.id })),
  );
  await insert(
    'subdivision_citation',
    subdivisions.map(({ code }) => ({
      subject_id: subdivisionId(code),
      source_id: sources.isoCodes.id,
    })),
  );

  await insert('dac_purpose_code', dacPurposeCodes);
  await insert('indicator', indicators);
  for (const { dacCodes, parent, sources: cited, ...topic } of topics) {
    await insert('topic', [
      { ...topic, id: topicId(topic.code), parent_id: parent ? topicId(parent) : null },
    ]);
    await cite('topic', topicId(topic.code), cited);
  }
  await insert(
    'topic_dac_purpose',
    topics.flatMap((topic) =>
      topic.dacCodes.map((dac_code) => ({ topic_id: topicId(topic.code), dac_code })),
    ),
  );

  for (const { country, subdivision, sources: cited, ...organisation } of organisations) {
    await insert('organisation', [
      {
        ...organisation,
        country_id: country ? countryId(country) : null,
        subdivision_id: subdivision ? subdivisionId(subdivision) : null,
      },
    ]);
    await cite('organisation', organisation.id, cited);
  }
  for (const { sources: cited, ...person } of people) {
    await insert('person', [person]);
    await cite('person', person.id, cited);
  }

  // An agreement may name the event it was signed at; the event is written further down.
  for (const { parties, areas, sources: cited, signing_event_id, ...agreement } of agreements) {
    await insert('agreement', [agreement]);
    await insert(
      'agreement_party',
      parties.map((code) => ({
        id: seedId(`agreement_party:${agreement.id}:${code}`),
        agreement_id: agreement.id,
        country_id: countryId(code),
      })),
    );
    await insert(
      'agreement_area',
      areas.map((code) => ({ agreement_id: agreement.id, topic_id: topicId(code) })),
    );
    await cite('agreement', agreement.id, cited);
  }

  for (const {
    sectors,
    participations,
    targetSubdivisions,
    sources: cited,
    ...programme
  } of programmes) {
    await insert('programme', [programme]);
    await insert(
      'programme_sector',
      sectors.map((dac_code) => ({ programme_id: programme.id, dac_code })),
    );
    await insert(
      'programme_participation',
      participations.map(({ organisation, role }) => ({
        id: seedId(`programme_participation:${programme.id}:${organisation}:${role}`),
        programme_id: programme.id,
        organisation_id: organisation,
        role,
      })),
    );
    await insert(
      'programme_target_subdivision',
      targetSubdivisions.map(({ code, rationale }) => ({
        programme_id: programme.id,
        subdivision_id: subdivisionId(code),
        rationale,
      })),
    );
    await cite('programme', programme.id, cited);
  }
  for (const { subdivision, sources: cited, ...target } of targets) {
    await insert('target', [
      { ...target, subdivision_id: subdivision ? subdivisionId(subdivision) : null },
    ]);
    await cite('target', target.id, cited);
  }

  for (const event of trainingEvents) {
    const {
      country,
      subdivision,
      topics: eventTopics,
      presenters,
      participations,
      participantGroups,
      sources: cited,
      ...row
    } = event;
    await insert('training_event', [
      {
        ...row,
        country_id: countryId(country),
        subdivision_id: subdivision ? subdivisionId(subdivision) : null,
      },
    ]);
    await insert(
      'training_event_topic',
      eventTopics.map((code) => ({ training_event_id: row.id, topic_id: topicId(code) })),
    );
    await insert(
      'training_event_presenter',
      presenters.map((presenter, position) => ({
        id: seedId(`training_event_presenter:${row.id}:${position}`),
        training_event_id: row.id,
        position,
        person_id: presenter.person ?? null,
        organisation_id: presenter.organisation ?? null,
        role: presenter.role,
        profession: presenter.profession ?? null,
      })),
    );
    await insert(
      'training_event_participation',
      participations.map(({ organisation, role }) => ({
        id: seedId(`training_event_participation:${row.id}:${organisation}:${role}`),
        training_event_id: row.id,
        organisation_id: organisation,
        role,
      })),
    );
    await insert(
      'training_event_participant_group',
      participantGroups.map((group, position) => ({
        id: seedId(`training_event_participant_group:${row.id}:${position}`),
        training_event_id: row.id,
        position,
        category: group.category,
        description: group.description,
        count: group.count,
        organisation_id: group.organisation ?? null,
      })),
    );
    await cite('training_event', row.id, cited);
  }

  for (const agreement of agreements) {
    if (!agreement.signing_event_id) continue;
    await trx
      .updateTable('agreement')
      .set({ signing_event_id: agreement.signing_event_id })
      .where('id', '=', agreement.id)
      .where('signing_event_id', 'is', null)
      .execute();
  }

  for (const { items, donorCountry, recipientCountry, sources: cited, ...donation } of donations) {
    await insert('donation', [
      {
        ...donation,
        donor_country_id: donorCountry ? countryId(donorCountry) : null,
        recipient_country_id: recipientCountry ? countryId(recipientCountry) : null,
      },
    ]);
    await insert(
      'donation_item',
      items.map((item, position) => ({
        ...item,
        id: seedId(`donation_item:${donation.id}:${position}`),
        donation_id: donation.id,
        position,
      })),
    );
    await cite('donation', donation.id, cited);
  }

  await insert(
    'indicator_observation',
    observations.map(({ country, ...observation }) => ({
      ...observation,
      country_id: countryId(country),
    })),
  );
}
