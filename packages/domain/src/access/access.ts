import type { ApiToken as ApiTokenRow, AuditEvent as AuditEventRow } from '@mch/db';
import { sql } from 'kysely';
import { builder } from '../builder.js';
import { encodeGlobalId, parseGlobalIdOf, parseUuidKey } from '../shared/global-id.js';
import { anyOf, type Ordering, paginate } from '../shared/pagination.js';
import { toIsoInstant } from '../shared/scalars.js';
import { mutationErrors, NotFoundError, ValidationError } from '../writes/errors.js';
import { textProblem } from '../writes/fields.js';
import { runWrite } from '../writes/run.js';
import { createToken } from './tokens.js';

/** Tokens, the viewer, and the audit trail: what admins manage and read. */

export const ApiRole = builder.enumType('ApiRole', {
  description: 'What a token may do.',
  values: {
    EDITOR: { value: 'editor', description: 'Read, and record and change data.' },
    ADMIN: {
      value: 'admin',
      description: 'As an editor, and manage tokens and read the audit trail.',
    },
  } as const,
});

const ViewerRole = builder.enumType('ViewerRole', {
  description: 'Who is asking.',
  values: {
    ANONYMOUS: { value: 'anonymous', description: 'No token: may read public data.' },
    EDITOR: { value: 'editor', description: 'An editor token.' },
    ADMIN: { value: 'admin', description: 'An admin token.' },
  } as const,
});

const ViewerType = builder
  .objectRef<{ role: 'anonymous' | 'editor' | 'admin'; tokenName?: string }>('Viewer')
  .implement({
    description: 'Who the API takes the caller to be.',
    fields: (t) => ({
      role: t.field({
        type: ViewerRole,
        description: 'The caller’s role.',
        resolve: (v) => v.role,
      }),
      tokenName: t.string({
        nullable: true,
        description: 'The name of the token used, if any.',
        resolve: (v) => v.tokenName ?? null,
      }),
    }),
  });

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerType,
    description: 'Who the API takes you to be.',
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
);

export const ApiToken = builder.loadableNode('ApiToken', {
  description: 'An API token. Its secret is shown once, when made; only its digest is kept.',
  authScopes: { admin: true },
  id: { resolve: (row: ApiTokenRow) => row.id, parse: parseUuidKey('ApiToken') },
  load: (ids: string[], ctx) =>
    ctx.db
      .selectFrom('api_token')
      .select([
        'id',
        'name',
        'role',
        'token_prefix',
        'created_at',
        'expires_at',
        'revoked_at',
        'token_hash',
      ])
      .where(anyOf('id', ids))
      .execute(),
  sort: (row) => row.id,
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the token is for.' }),
    role: t.expose('role', { type: ApiRole, description: 'What it may do.' }),
    prefix: t.exposeString('token_prefix', {
      description: 'The first characters of the secret, to recognise it.',
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was made.',
      resolve: (row) => row.created_at,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it stops working.',
      resolve: (row) => row.expires_at,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked.',
      resolve: (row) => row.revoked_at,
    }),
    active: t.boolean({
      description: 'True while neither revoked nor expired.',
      resolve: (row) =>
        !row.revoked_at && (!row.expires_at || new Date(toIsoInstant(row.expires_at)) > new Date()),
    }),
  }),
});

const ApiTokenConnection = builder.connectionObject(
  { type: ApiToken, name: 'ApiTokenConnection', description: 'A page of API tokens.' },
  { name: 'ApiTokenEdge', description: 'A token in a page of them.' },
);

const tokenOrdering: Ordering = {
  name: 'api_token.created_at',
  keys: [
    { sql: sql`api_token.created_at`, type: 'timestamptz' },
    { sql: sql`api_token.id`, type: 'uuid' },
  ],
  direction: 'desc',
};

builder.queryField('apiTokens', (t) =>
  t.connection(
    {
      type: ApiToken,
      description: 'Every API token, newest first. Admins only.',
      authScopes: { admin: true },
      resolve: (_root, args, ctx) =>
        paginate(
          ctx.db
            .selectFrom('api_token')
            .select([
              'id',
              'name',
              'role',
              'token_prefix',
              'created_at',
              'expires_at',
              'revoked_at',
              'token_hash',
            ]),
          tokenOrdering,
          args,
        ),
    },
    ApiTokenConnection,
  ),
);

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  description: 'A new API token.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'What the token is for, such as who holds it.' }),
    role: t.field({ type: ApiRole, required: true, description: 'What it may do.' }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'When it stops working; never when left out.',
    }),
  }),
});

const CreateApiTokenPayload = builder
  .objectRef<{ token: string; id: string }>('CreateApiTokenPayload')
  .implement({
    description: 'The new token and its secret.',
    fields: (t) => ({
      token: t.exposeString('token', {
        description: 'The secret, shown this once: send it as `Authorization: Bearer <token>`.',
      }),
      apiToken: t.field({
        type: ApiToken,
        description: 'The token’s record.',
        resolve: (p) => p.id,
      }),
    }),
  });

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreateApiTokenPayload,
    description: 'Makes an API token. Admins only.',
    authScopes: { admin: true },
    errors: { types: mutationErrors, directResult: true, union: { name: 'CreateApiTokenResult' } },
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const problem = textProblem(input.name, 200);
      if (problem)
        throw new ValidationError([{ path: ['input', 'name'], message: `\`name\` ${problem}.` }]);
      const expiresAt = input.expiresAt ? new Date(input.expiresAt as Date).toISOString() : null;
      if (expiresAt && new Date(expiresAt) <= new Date()) {
        throw new ValidationError([
          { path: ['input', 'expiresAt'], message: '`expiresAt` must be in the future.' },
        ]);
      }
      return runWrite(ctx, async ({ trx, audit }) => {
        const { token, row } = await createToken(trx, {
          name: input.name,
          role: input.role,
          expiresAt,
        });
        const { token_hash: _hash, ...shown } = row;
        await audit({
          action: 'createApiToken',
          recordType: 'api_token',
          recordId: row.id,
          before: null,
          after: shown,
        });
        return { token, id: row.id };
      });
    },
  }),
);

const RevokeApiTokenInput = builder.inputType('RevokeApiTokenInput', {
  description: 'The token to revoke.',
  fields: (t) => ({ id: t.id({ required: true, description: 'The token’s ID.' }) }),
});

const RevokeApiTokenPayload = builder.objectRef<{ id: string }>('RevokeApiTokenPayload').implement({
  description: 'The revoked token.',
  fields: (t) => ({
    apiToken: t.field({
      type: ApiToken,
      description: 'The token, now revoked.',
      resolve: (p) => p.id,
    }),
  }),
});

builder.mutationField('revokeApiToken', (t) =>
  t.field({
    type: RevokeApiTokenPayload,
    description: 'Revokes an API token at once. Admins only.',
    authScopes: { admin: true },
    errors: { types: mutationErrors, directResult: true, union: { name: 'RevokeApiTokenResult' } },
    args: { input: t.arg({ type: RevokeApiTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = parseGlobalIdOf('ApiToken', input.id, 'input.id');
      await runWrite(ctx, async ({ trx, audit }) => {
        const revoked = await trx
          .updateTable('api_token')
          .set({ revoked_at: sql<string>`coalesce(revoked_at, now())` })
          .where('id', '=', id)
          .returning(['id', 'name', 'role', 'revoked_at'])
          .executeTakeFirst();
        if (!revoked) throw new NotFoundError('ApiToken', input.id);
        await audit({
          action: 'revokeApiToken',
          recordType: 'api_token',
          recordId: id,
          before: null,
          after: revoked,
        });
      });
      ApiToken.getDataloader(ctx).clear(id);
      return { id };
    },
  }),
);

/** GraphQL type names of the tables the audit trail speaks of. */
const typenames: Record<string, string> = {
  country: 'Country',
  subdivision: 'Subdivision',
  source: 'Source',
  topic: 'Topic',
  organisation: 'Organisation',
  person: 'Person',
  programme: 'Programme',
  target: 'Target',
  agreement: 'Agreement',
  training_event: 'TrainingEvent',
  donation: 'Donation',
  indicator_observation: 'IndicatorObservation',
  api_token: 'ApiToken',
};

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
      resolve: (row) => typenames[row.record_type] ?? row.record_type,
    }),
    recordId: t.id({
      description: 'The global ID of the record changed (it may since have been deleted).',
      resolve: (row) =>
        encodeGlobalId(typenames[row.record_type] ?? row.record_type, row.record_id),
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
      args: { filter: t.arg({ type: AuditFilter }) },
      resolve: (_root, { filter, ...args }, ctx) => {
        let query = ctx.db.selectFrom('audit_event').selectAll();
        if (filter?.record) {
          const typename = filter.record ? decodeTypename(filter.record) : '';
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
        return paginate(
          query,
          {
            name: 'audit_event.id',
            keys: [{ sql: sql`audit_event.id`, type: 'bigint' }],
            direction: 'desc',
          },
          args,
        );
      },
    },
    AuditEventConnection,
  ),
);

function decodeTypename(globalId: string): string {
  try {
    return Buffer.from(globalId, 'base64').toString('utf8').split(':')[0] ?? '';
  } catch {
    return '';
  }
}
