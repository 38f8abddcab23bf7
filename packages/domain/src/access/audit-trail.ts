import type { AuditEvent as AuditEventRow } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { rootList } from '../query/index.js';
import { encodeGlobalId, parseGlobalIdOf, readGlobalId } from '../shared/global-id.js';
import { typenameOfTable } from '../writes/crud.js';

/** The audit trail: every change, who made it and the record before and after. Admins read it. */

const AuditEvent = builder.objectRef<AuditEventRow>('AuditEvent').implement({
  description:
    'One change in the audit trail: who changed which record, when, and its values before and after.',
  fields: (t) => ({
    sequence: t.string({
      description: 'Its place in the trail (grows with every change).',
      resolve: (row) => String(row.id),
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When the change was stored.',
      resolve: (row) => row.occurred_at,
    }),
    action: t.exposeString('action', {
      description: 'The mutation that made it, such as `updateOrganisation`.',
    }),
    recordType: t.string({
      description: 'The type of the record changed.',
      resolve: (row) => typenameOfTable(row.record_type),
    }),
    recordId: t.id({
      description: 'The global ID of the record changed (it may since have been deleted).',
      resolve: (row) => encodeGlobalId(typenameOfTable(row.record_type), row.record_id),
    }),
    actorName: t.exposeString('actor_name', {
      nullable: true,
      description: 'The name of the token that made the change.',
    }),
    actorTokenId: t.id({
      nullable: true,
      description: 'The ID of the token that made the change.',
      resolve: (row) =>
        row.actor_token_id ? encodeGlobalId('ApiToken', row.actor_token_id) : null,
    }),
    requestId: t.exposeString('request_id', {
      nullable: true,
      description: 'The request, as in the server logs.',
    }),
    before: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The record before the change.',
      resolve: (row) => row.before,
    }),
    after: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The record after the change.',
      resolve: (row) => row.after,
    }),
  }),
});

const AuditEventConnection = builder.connectionObject(
  { type: AuditEvent, name: 'AuditEventConnection', description: 'A page of the audit trail.' },
  { name: 'AuditEventEdge', description: 'A change in a page of the trail.' },
);

const AuditFilter = builder.inputType('AuditEventFilter', {
  description: 'Narrows the audit trail; all given conditions must hold.',
  fields: (t) => ({
    record: t.id({ description: 'Only changes to this record (any global ID).' }),
    actorToken: t.id({ description: 'Only changes made with this token.' }),
  }),
});

builder.queryField('auditEvents', (t) =>
  t.connection(
    {
      type: AuditEvent,
      description: 'The audit trail, latest change first. Admins only.',
      authScopes: { admin: true },
      args: {
        filter: t.arg({
          type: AuditFilter,
          description: 'Only the records that match; all of them when left out.',
        }),
      },
      resolve: rootList({
        rows: (db, { filter }) => {
          let query = db.selectFrom('audit_event').selectAll();
          if (filter?.record) {
            const typename = readGlobalId(filter.record)?.typename ?? 'Record';
            query = query.where(
              'record_id',
              '=',
              parseGlobalIdOf(typename, filter.record, 'filter.record'),
            );
          }
          if (filter?.actorToken) {
            query = query.where(
              'actor_token_id',
              '=',
              parseGlobalIdOf('ApiToken', filter.actorToken, 'filter.actorToken'),
            );
          }
          return query;
        },
        ordering: {
          name: 'audit_event.id',
          keys: [{ sql: sql`audit_event.id`, type: 'bigint' }],
          direction: 'desc',
        },
      }),
    },
    AuditEventConnection,
  ),
);
