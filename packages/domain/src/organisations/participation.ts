import type { Database, OrganisationRole as OrganisationRoleCode } from '@mch/db';
import type { ObjectRef } from '@pothos/core';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { builder } from '../builder.js';
import { type Ordering, type PageArgs, reads, relatedList } from '../query/index.js';
import { OrganisationRole } from '../shared/enums.js';
import { listFilter } from '../shared/list-filter.js';
import { anyOf } from '../shared/sql.js';
import { Organisation } from './organisation.js';

/** An organisation taking part in a programme or an event, in one role. */
export interface ParticipationRow {
  id: string;
  organisation_id: string;
  role: OrganisationRoleCode;
}

export const OrganisationParticipation = builder
  .objectRef<ParticipationRow>('OrganisationParticipation')
  .implement({
    description:
      'An organisation taking part in a programme or an event, in one role. An organisation with two roles appears twice.',
    fields: (t) => ({
      role: t.expose('role', { type: OrganisationRole, description: 'The part it plays.' }),
      organisation: t.field({
        type: Organisation,
        description: 'The organisation.',
        resolve: (row) => row.organisation_id,
      }),
    }),
  });

export const OrganisationParticipationConnection = builder.connectionObject(
  {
    type: OrganisationParticipation,
    name: 'OrganisationParticipationConnection',
    description: 'A page of participating organisations with their roles.',
  },
  { name: 'OrganisationParticipationEdge', description: 'One organisation in one role.' },
);

/** Orders participations by role (IATI order, then host, beneficiary), then by record. */
function participationOrdering(table: string): Ordering {
  return {
    name: `${table}.role`,
    keys: [
      {
        sql: sql`array_position(array['funding','accountable','extending','implementing','host','beneficiary'], ${sql.ref(`${table}.role`)})`,
        type: 'integer',
      },
      { sql: sql.ref(`${table}.id`), type: 'uuid' },
    ],
    direction: 'asc',
  };
}

const ParticipationFilter = builder.inputType('ParticipationFilter', {
  description: 'Narrows a list of participating organisations.',
  fields: (t) => ({
    roles: t.field({ type: [OrganisationRole], description: listFilter('Only these roles.') }),
  }),
});

interface ParticipationArgs extends PageArgs {
  filter?: { roles?: OrganisationRoleCode[] | null } | null;
}

/** Adds the organisations taking part in a programme or an event, filterable by role. */
export function addParticipationList(
  // biome-ignore lint/suspicious/noExplicitAny: a programme or an event
  parent: ObjectRef<any, unknown, { id: string }>,
  field: string,
  options: {
    description: string;
    table: 'programme_participation' | 'training_event_participation';
    parentColumn: 'programme_id' | 'training_event_id';
  },
): void {
  const { table, parentColumn } = options;
  builder.objectField(parent, field, (t) =>
    t.field({
      type: OrganisationParticipationConnection,
      description: options.description,
      args: {
        ...t.arg.connectionArgs(),
        filter: t.arg({
          type: ParticipationFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: relatedList<ParticipationRow, ParticipationArgs>({
        children: (db, key, args) => {
          // biome-ignore lint/suspicious/noExplicitAny: both tables share these columns
          let query = (db as Kysely<any>)
            .selectFrom(table)
            .select(['id', 'organisation_id', 'role'])
            .where(parentColumn, '=', key);
          const roles = args.filter?.roles;
          if (roles) query = query.where(anyOf('role', roles, 'text'));
          return query as SelectQueryBuilder<Database, typeof table, ParticipationRow>;
        },
        ordering: participationOrdering(table),
        parentKey: (row) => row.id,
      }),
      ...reads(),
    }),
  );
}
