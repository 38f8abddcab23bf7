import { optionalText, requiredText, sqlMigration } from './sql-migration.js';

/** The IATI code lists the export uses, by list. */
export const iatiCodeLists = [
  'OrganisationRole',
  'OrganisationType',
  'ActivityStatus',
  'ActivityDateType',
  'SectorVocabulary',
  'ResultType',
  'IndicatorMeasure',
] as const;

export type IatiCodeList = (typeof iatiCodeLists)[number];

/**
 * Complete code lists: every ISO 3166-2 subdivision with the category ISO gives it and the
 * subdivision it lies in (French departments in their regions, say), and the IATI code lists
 * the IATI export writes, so that clients can show what each code means.
 */
export const migration0014CodeLists = sqlMigration([
  `alter table subdivision
    add column ${optionalText('category', 100)},
    add column parent_id uuid references subdivision (id),
    add constraint subdivision_parent_check check (parent_id <> id)`,
  'create index subdivision_parent_idx on subdivision (parent_id)',
  `create table iati_code (
    list text not null check (list in (${iatiCodeLists.map((list) => `'${list}'`).join(', ')})),
    code text not null check (code ~ '^[0-9A-Za-z]{1,10}$'),
    ${requiredText('name', 300)},
    primary key (list, code)
  )`,
]);
