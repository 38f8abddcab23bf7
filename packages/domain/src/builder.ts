import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Context } from './context.js';
import { mutationErrors, unauthorized } from './shared/errors.js';
import { decodeGlobalId, encodeGlobalId } from './shared/global-id.js';
import { DateScalar, DateTimeScalar, DecimalScalar, JsonScalar } from './shared/scalars.js';

/** The schema builder: its plugins, scalars and defaults, and nothing else. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    DateTime: { Input: Date | string; Output: Date | string };
    Decimal: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: {
    /** A valid editor or admin token: may record and change data. */
    editor: boolean;
    /** A valid admin token: may also manage tokens and read the audit trail. */
    admin: boolean;
  };
  Connection: {
    /** Counts every record of the list, across all pages; only queried when asked for. */
    totalCount: () => Promise<number>;
  };
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, ErrorsPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({
      editor: context.viewer.role === 'editor' || context.viewer.role === 'admin',
      admin: context.viewer.role === 'admin',
    }),
    unauthorizedError: (_parent, context) => unauthorized(context),
  },
  // Every mutation answers with its payload or one of the typed errors, in a union named
  // after the mutation (`createOrganisation` answers `CreateOrganisationResult`).
  errors: {
    defaultTypes: mutationErrors,
    directResult: true,
    defaultUnionOptions: {
      name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Result`,
      description:
        'What the mutation answers: its payload, or the typed error that stopped it (and then nothing was stored).',
    },
  },
  relay: {
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: {
      description:
        'The records of this page, without their cursors: a shortcut for `edges { node }`.',
      extensions: { pageProperty: 'nodes' },
    },
    nodeTypeOptions: {
      description:
        'A record with a global ID. Any ID can be fetched again with `node(id:)`, whatever its type.',
    },
    nodeQueryOptions: {
      description: 'Fetches any record by its global ID; null when no such record exists.',
      args: { id: { description: 'The global ID of the record, as any query returns it.' } },
    },
    nodesQueryOptions: {
      description:
        'Fetches several records by their global IDs, in the order given; null for each that does not exist.',
      args: { ids: { description: 'Global IDs of the records, of any types.' } },
    },
    nodesFieldOptions: {
      nullable: { list: false, items: false },
      description:
        'The records of this page, without their cursors: a shortcut for `edges { node }`.',
    },
    pageInfoTypeOptions: {
      description: 'Where a page sits in its list, and the cursors to move from it.',
    },
    idFieldOptions: { description: 'The global ID of the record.' },
    cursorFieldOptions: { description: 'Opaque position of this edge, for `after` and `before`.' },
    edgesFieldOptions: {
      nullable: false,
      description: 'The records of this page, with their cursors.',
      extensions: { pageProperty: 'edges' },
    },
    nodeFieldOptions: {
      nullable: false,
      description: 'The record at this edge.',
      extensions: { pageProperty: 'node' },
    },
    pageInfoFieldOptions: {
      description: 'Paging information for this page.',
      extensions: { pageProperty: 'pageInfo' },
    },
    hasNextPageFieldOptions: { description: 'True when more records follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when records precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first record of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last record of the page.' },
    firstArgOptions: {
      description: 'Return the first n records (at most 100; 20 when no size is given).',
    },
    lastArgOptions: { description: 'Return the last n records (at most 100).' },
    afterArgOptions: { description: 'Return records after this cursor.' },
    beforeArgOptions: { description: 'Return records before this cursor.' },
  },
});

builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
builder.addScalarType('Decimal', DecimalScalar);
builder.addScalarType('JSON', JsonScalar);

builder.queryType({
  description: 'The entry points for reading the cooperation graph.',
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many records the list holds, over all pages.',
    resolve: (connection) => connection.totalCount(),
  }),
);

builder.mutationType({
  description:
    'Changes to the graph. Each mutation is one transaction, recorded in the audit trail; it needs an API token.',
});
