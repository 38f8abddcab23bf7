import type { Database, TrainingFormat, TrainingStatus } from '@mch/db';
import { type SelectQueryBuilder, sql } from 'kysely';
import { builder } from '../builder.js';
import { inCountries, inSubdivisions } from '../places/filters.js';
import { checkDateRange, DateRange, type DateRangeValue } from '../shared/date-range.js';
import { matches, parseSearchText } from '../shared/full-text.js';
import { parseGlobalIdOf } from '../shared/global-id.js';
import { listFilter } from '../shared/list-filter.js';
import { anyOf } from '../shared/sql.js';
import { updatedSince, updatedSinceDescription } from '../shared/updated-since.js';
import { parseTopicCode } from '../topics/topic.js';
import {
  TrainingFormat as TrainingFormatEnum,
  TrainingStatus as TrainingStatusEnum,
} from './training-event.js';

export const TrainingEventFilter = builder.inputType('TrainingEventFilter', {
  description:
    'Narrows a list of training events. All given conditions must hold; a list matches any of its values.',
  fields: (t) => ({
    search: t.string({
      description:
        'Words the title, place, description or outcome must contain (full-text, web search syntax).',
    }),
    countries: t.stringList({
      description: listFilter('ISO 3166-1 alpha-2 codes of the countries where events took place.'),
    }),
    subdivisions: t.stringList({
      description: listFilter('ISO 3166-2 codes of the subdivisions where events took place.'),
    }),
    hasSubdivision: t.boolean({
      description:
        'False for only the events whose subdivision is not yet known; true for the others.',
    }),
    hostOrganisations: t.idList({ description: listFilter('IDs of host organisations.') }),
    participatingOrganisations: t.idList({
      description: listFilter('IDs of organisations taking part in any role, host included.'),
    }),
    programmes: t.idList({
      description: listFilter('IDs of the programmes (series) events belong to.'),
    }),
    topics: t.stringList({
      description: listFilter('Topic codes; an event matches a topic or any topic below it.'),
    }),
    formats: t.field({ type: [TrainingFormatEnum], description: listFilter('Delivery formats.') }),
    statuses: t.field({ type: [TrainingStatusEnum], description: listFilter('Statuses.') }),
    startDate: t.field({
      type: DateRange,
      description: 'The range the start date falls in. Events without a date never match.',
    }),
    updatedSince: t.field({ type: 'DateTime', description: updatedSinceDescription }),
  }),
});

export interface TrainingEventFilterValue {
  updatedSince?: Date | string | null;
  search?: string | null;
  countries?: string[] | null;
  subdivisions?: string[] | null;
  hasSubdivision?: boolean | null;
  hostOrganisations?: string[] | null;
  participatingOrganisations?: string[] | null;
  programmes?: string[] | null;
  topics?: string[] | null;
  formats?: TrainingFormat[] | null;
  statuses?: TrainingStatus[] | null;
  startDate?: DateRangeValue | null;
}

type EventQuery<O> = SelectQueryBuilder<Database, 'training_event', O>;

/**
 * Adds the filter's conditions to a query over `training_event`. Lists compare with
 * `= any(array)`, so an empty list matches nothing and the statement text never varies.
 */
export function applyTrainingEventFilter<O>(
  query: EventQuery<O>,
  filter: TrainingEventFilterValue | null | undefined,
  argument = 'filter',
): EventQuery<O> {
  if (!filter) return query;
  let q = query;
  if (filter.updatedSince != null) q = q.where(updatedSince('training_event', filter.updatedSince));
  if (filter.search != null) {
    q = q.where(matches('training_event', parseSearchText(filter.search, `${argument}.search`)));
  }
  if (filter.countries) {
    q = q.where(
      inCountries('training_event.country_id', filter.countries, `${argument}.countries`),
    );
  }
  if (filter.subdivisions) {
    q = q.where(
      inSubdivisions(
        'training_event.subdivision_id',
        filter.subdivisions,
        `${argument}.subdivisions`,
      ),
    );
  }
  if (filter.hasSubdivision != null) {
    q = q.where('training_event.subdivision_id', filter.hasSubdivision ? 'is not' : 'is', null);
  }
  if (filter.hostOrganisations) {
    const ids = filter.hostOrganisations.map((id) =>
      parseGlobalIdOf('Organisation', id, `${argument}.hostOrganisations`),
    );
    q = q.where(anyOf('training_event.host_organisation_id', ids));
  }
  if (filter.participatingOrganisations) {
    const ids = filter.participatingOrganisations.map((id) =>
      parseGlobalIdOf('Organisation', id, `${argument}.participatingOrganisations`),
    );
    q = q.where((eb) =>
      eb.or([
        anyOf('training_event.host_organisation_id', ids),
        eb.exists(
          eb
            .selectFrom('training_event_participation as p')
            .whereRef('p.training_event_id', '=', 'training_event.id')
            .where(anyOf('p.organisation_id', ids)),
        ),
      ]),
    );
  }
  if (filter.programmes) {
    const ids = filter.programmes.map((id) =>
      parseGlobalIdOf('Programme', id, `${argument}.programmes`),
    );
    q = q.where(anyOf('training_event.programme_id', ids));
  }
  if (filter.topics) {
    const codes = filter.topics.map((code) => parseTopicCode(code, `${argument}.topics`));
    q = q.where(sql<boolean>`exists (
      select 1 from training_event_topic et
      where et.training_event_id = training_event.id
        and et.topic_id in (
          with recursive tree (id) as (
            select id from topic where code = any(cast(${codes} as text[]))
            union all
            select child.id from topic child join tree on child.parent_id = tree.id
          )
          select id from tree))`);
  }
  if (filter.formats) q = q.where(anyOf('training_event.format', filter.formats, 'text'));
  if (filter.statuses) q = q.where(anyOf('training_event.status', filter.statuses, 'text'));
  if (filter.startDate) {
    const { from, to } = checkDateRange(filter.startDate, `${argument}.startDate`);
    if (from) q = q.where('training_event.start_date', '>=', from);
    if (to) q = q.where('training_event.start_date', '<=', to);
  }
  return q;
}
