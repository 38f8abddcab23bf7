import type { IndicatorObservation as ObservationRow } from '@mch/db';
import { anyOf } from '../../shared/sql.js';
import { updateColumns } from '../../writes/crud.js';
import type { Change, WriteScope } from '../../writes/run.js';
import type { GhoFact } from './response.js';

/**
 * Storing the facts of a GHO answer: the graph holds one WHO value per observation (indicator,
 * place, year, sex, method), whoever stored it, and the database's unique index on it refuses a
 * second.
 */

export interface GhoImportOptions {
  method: 'modelled_estimate' | 'national_report';
}

/** What is stored of a fact: the columns an import sets. */
function columnsOf(fact: GhoFact, countryId: string, sourceId: string, options: GhoImportOptions) {
  return {
    indicator_code: fact.indicator,
    country_id: countryId,
    year: fact.year,
    sex: fact.sex,
    value: fact.value,
    lower_bound: fact.lowerBound,
    upper_bound: fact.upperBound,
    method: options.method,
    source_id: sourceId,
    note: fact.comments,
    source_updated_at: fact.changedAt,
    external_key: fact.key,
  };
}

/** True when the stored value already says what the fact says. */
function sameValue(row: ObservationRow, fact: GhoFact, options: GhoImportOptions): boolean {
  const time = (value: string | Date | null) => (value === null ? null : new Date(value).getTime());
  return (
    row.value === fact.value &&
    row.lower_bound === fact.lowerBound &&
    row.upper_bound === fact.upperBound &&
    row.sex === fact.sex &&
    row.note === fact.comments &&
    row.method === options.method &&
    time(row.source_updated_at) === time(fact.changedAt)
  );
}

/** Rows written by one statement. */
const SLICE = 500;

/**
 * The WHO observation a value is of, among those of one indicator and method: its country,
 * year and sex (GHO values are for whole years and countries).
 */
const observationKey = (countryId: string, year: number, sex: string | null) =>
  `${countryId}/${year}/${sex ?? '-'}`;

/**
 * The WHO values the graph holds for these facts, locked until the import ends: whoever stored
 * them (an earlier import, the seed, an editor citing a WHO source).
 */
async function heldValues(
  trx: WriteScope['trx'],
  facts: GhoFact[],
  countries: Map<string, string>,
  options: GhoImportOptions,
): Promise<Map<string, ObservationRow>> {
  const held = new Map<string, ObservationRow>();
  const indicator = facts[0]?.indicator;
  if (!indicator) return held;
  const countryIds = [...new Set(facts.map((fact) => countries.get(fact.alpha3)!))];
  for (let start = 0; start < countryIds.length; start += 5000) {
    const rows = await trx
      .selectFrom('indicator_observation')
      .selectAll()
      .where('from_who', '=', true)
      .where('indicator_code', '=', indicator)
      .where('method', '=', options.method)
      .where('period', 'is', null)
      .where(anyOf('country_id', countryIds.slice(start, start + 5000)))
      .orderBy('id')
      .forUpdate()
      .execute();
    for (const row of rows) held.set(observationKey(row.country_id!, row.year, row.sex), row);
  }
  return held;
}

/**
 * Stores each fact as the one WHO value of its observation: a new row, an update of the row
 * held, or nothing when the row already says it. The estimation round a row holds stays: WHO's
 * answer names none. A value another import stored meanwhile is found by the database's unique
 * index on the observation and then treated as held.
 */
export async function storeFacts(
  { trx, audit }: WriteScope,
  facts: GhoFact[],
  countries: Map<string, string>,
  sourceId: string,
  options: GhoImportOptions,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const keyOf = (fact: GhoFact) => observationKey(countries.get(fact.alpha3)!, fact.year, fact.sex);
  const changes: Change[] = [];
  let [created, updated, unchanged] = [0, 0, 0];

  const held = await heldValues(trx, facts, countries, options);
  const fresh = facts.filter((fact) => !held.has(keyOf(fact)));
  for (let start = 0; start < fresh.length; start += SLICE) {
    const inserted = await trx
      .insertInto('indicator_observation')
      .values(
        fresh
          .slice(start, start + SLICE)
          .map((fact) => columnsOf(fact, countries.get(fact.alpha3)!, sourceId, options)),
      )
      .onConflict((conflict) =>
        conflict
          .columns([
            'indicator_code',
            'country_id',
            'subdivision_id',
            'year',
            'period',
            'sex',
            'method',
          ])
          .where('from_who', '=', true)
          .doNothing(),
      )
      .returningAll()
      .execute();
    for (const row of inserted) {
      held.set(observationKey(row.country_id!, row.year, row.sex), row);
      changes.push({
        action: 'importGhoIndicators',
        recordType: 'indicator_observation',
        recordId: row.id,
        before: null,
        after: row,
      });
    }
    created += inserted.length;
  }
  const createdIds = new Set(changes.map((change) => change.recordId));
  // Values another import committed while this one read: the database refused them a second row.
  if (created < fresh.length) {
    for (const [key, row] of await heldValues(trx, facts, countries, options)) {
      if (!held.has(key)) held.set(key, row);
    }
  }

  for (const fact of facts) {
    const row = held.get(keyOf(fact))!;
    if (createdIds.has(row.id)) continue;
    if (sameValue(row, fact, options)) {
      unchanged += 1;
      continue;
    }
    await updateColumns(
      trx,
      'indicator_observation',
      row.id,
      columnsOf(fact, countries.get(fact.alpha3)!, sourceId, options),
    );
    const after = await trx
      .selectFrom('indicator_observation')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    changes.push({
      action: 'importGhoIndicators',
      recordType: 'indicator_observation',
      recordId: row.id,
      before: row,
      after,
    });
    updated += 1;
  }
  await audit(changes);
  return { created, updated, unchanged };
}
