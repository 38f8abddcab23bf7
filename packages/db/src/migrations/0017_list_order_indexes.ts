import { sqlMigration } from './sql-migration.js';

/**
 * A record's lists (an organisation's people, the events it hosted, a country's events) are
 * read a page per parent, in the list's order. An index on the parent's key followed by that
 * order hands each parent's first page straight from the index; one on the key alone makes the
 * database fetch and sort every child of every parent on the page. Each index below replaces
 * the single-column one it extends, which it serves as well.
 */
const eventOrder = `coalesce(start_date, 'infinity'::date) desc, id desc`;

export const migration0017ListOrderIndexes = sqlMigration([
  `create index training_event_host_start_idx on training_event (host_organisation_id, ${eventOrder})`,
  'drop index training_event_host_idx',
  `create index training_event_programme_start_idx on training_event (programme_id, ${eventOrder})`,
  'drop index training_event_programme_idx',
  `create index training_event_country_start_idx on training_event (country_id, ${eventOrder})`,
  'drop index training_event_country_idx',
  `create index training_event_subdivision_start_idx on training_event (subdivision_id, ${eventOrder})`,
  'drop index training_event_subdivision_idx',
  'create index person_organisation_name_idx on person (organisation_id, name, id)',
  'drop index person_organisation_idx',
  // The events an organisation took part in: its participations, with the event's key at hand.
  'create index training_event_participation_organisation_event_idx on training_event_participation (organisation_id, training_event_id)',
  'drop index training_event_participation_organisation_idx',
]);
