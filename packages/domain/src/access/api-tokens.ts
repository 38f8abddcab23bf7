import type { ApiToken as ApiTokenRow, Database } from '@mch/db';
import { type Kysely, sql } from 'kysely';
import { builder } from '../builder.js';
import { type Ordering, rootList } from '../query/index.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { parseGlobalIdOf, parseUuidKey } from '../shared/global-id.js';
import { toIsoInstant } from '../shared/scalars.js';
import { anyOf } from '../shared/sql.js';
import { textProblem } from '../shared/text.js';
import { runWrite } from '../writes/run.js';
import { createToken } from './tokens.js';

/** API tokens: what admins make, list and revoke. */

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

/** A token's row as the API shows it; the digest stays in the database's own checks. */
const selectTokens = (db: Kysely<Database>) =>
  db
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
    ]);

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
      resolve: rootList({
        rows: (db) => selectTokens(db),
        ordering: tokenOrdering,
      }),
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
    errors: {},
    args: {
      input: t.arg({
        type: CreateApiTokenInput,
        required: true,
        description: 'What to store; see its fields.',
      }),
    },
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
    errors: {},
    args: {
      input: t.arg({
        type: RevokeApiTokenInput,
        required: true,
        description: 'What to store; see its fields.',
      }),
    },
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
