import { ApolloServer } from '@apollo/server';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';

/**
 * The executor calls resolvers in place (the patch in `patches/graphql-jit@*.patch`): it must
 * answer exactly as graphql-js does, values, errors and null bubbling alike, and pass no
 * resolve info to a field marked `resolverIgnoresInfo`.
 */
interface Item {
  n: number;
}
const infos: Array<GraphQLResolveInfo | undefined> = [];
const free = { resolverIgnoresInfo: true };

const ItemType = new GraphQLObjectType<Item>({
  name: 'Item',
  fields: {
    plain: {
      type: GraphQLString,
      extensions: free,
      resolve: (item, _args, _ctx, info) => {
        infos.push(info);
        return `plain ${item.n}`;
      },
    },
    path: {
      type: GraphQLString,
      resolve: (_item, _args, _ctx, info) =>
        `${info.parentType.name}.${info.fieldName} at ${JSON.stringify(pathOf(info.path))}`,
    },
    later: { type: GraphQLString, extensions: free, resolve: async (item) => `later ${item.n}` },
    throws: {
      type: GraphQLString,
      extensions: free,
      resolve: (item) => {
        if (item.n === 1) throw new Error('item 1 cannot say');
        return 'said';
      },
    },
    rejects: {
      type: GraphQLString,
      resolve: async (item) => {
        if (item.n === 2) throw new Error('item 2 refused later');
        return 'kept';
      },
    },
    required: {
      type: new GraphQLNonNull(GraphQLString),
      extensions: free,
      resolve: (item) => (item.n === 2 ? null : 'present'),
    },
    child: {
      type: new GraphQLObjectType<Item>({
        name: 'Child',
        fields: {
          n: { type: GraphQLString, extensions: free, resolve: (item) => `child of ${item.n}` },
        },
      }),
      extensions: free,
      resolve: (item) => item,
    },
  },
});

function pathOf(path: GraphQLResolveInfo['path'] | undefined): Array<string | number> {
  return path ? [...pathOf(path.prev), path.key] : [];
}

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLList(ItemType),
        resolve: () => [{ n: 0 }, { n: 1 }, { n: 2 }],
      },
    },
  }),
});

describe('the compiled executor', () => {
  it('answers as graphql-js does, and gives marked resolvers no info', async () => {
    const document = parse(`{
      items { plain path later throws rejects child { n } }
      again: items { required }
    }`);
    const compiled = compileQuery(schema, document);
    if (!isCompiledQuery(compiled)) throw new Error('did not compile');
    infos.length = 0;
    const answer = JSON.parse(JSON.stringify(await compiled.query(undefined, {}, {})));
    const infosGiven = [...infos];
    const reference = JSON.parse(JSON.stringify(await execute({ schema, document })));

    // The same data and the same errors; graphql-jit lists errors in an order of its own.
    const byPath = (errors: Array<{ path: unknown }>) =>
      [...errors].sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
    expect(answer.data).toEqual(reference.data);
    expect(byPath(answer.errors)).toEqual(byPath(reference.errors));
    expect(answer.data.items[0]).toEqual({
      plain: 'plain 0',
      path: 'Item.path at ["items",0,"path"]',
      later: 'later 0',
      throws: 'said',
      rejects: 'kept',
      child: { n: 'child of 0' },
    });
    expect(answer.data.again).toEqual([{ required: 'present' }, { required: 'present' }, null]);
    expect(
      answer.errors.map((error: { message: string; path: unknown }) => [error.message, error.path]),
    ).toEqual(
      expect.arrayContaining([
        ['item 1 cannot say', ['items', 1, 'throws']],
        ['item 2 refused later', ['items', 2, 'rejects']],
        ['Cannot return null for non-nullable field Item.required.', ['again', 2, 'required']],
      ]),
    );
    expect(answer.errors).toHaveLength(3);
    expect(infosGiven).toEqual([undefined, undefined, undefined]);
  });
});

/**
 * Apollo hands the compiled executor a request context of its own. The patch in
 * `patches/@apollo__server@*.patch` makes its `response.http` an instance of a class instead of
 * an object literal with accessors (which V8 gave a map of its own per request, holding the
 * request until a full collection); the status an executor sets must still reach the answer.
 */
describe('the request context Apollo gives an executor', () => {
  it('passes the status an executor sets through to the answer, from a shared class', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    });
    const seen: object[] = [];
    let announce:
      | ((update: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void)
      | undefined;
    const gateway: GatewayInterface = {
      onSchemaLoadOrUpdate(callback) {
        announce = callback;
        return () => {};
      },
      async load() {
        announce?.({ apiSchema: schema, coreSupergraphSdl: '' });
        return {
          executor: async (request) => {
            const http = request.response!.http!;
            seen.push(Object.getPrototypeOf(http) as object);
            expect(http.status).toBeUndefined();
            http.status = 203;
            expect(http.status).toBe(203);
            http.headers.set('x-executor', 'compiled');
            return { data: { ok: 'yes' } };
          },
        };
      },
      async stop() {},
    };
    const apollo = new ApolloServer({ gateway });
    await apollo.start();
    try {
      for (let i = 0; i < 2; i += 1) {
        const response = await apollo.executeOperation({ query: '{ ok }' });
        expect(response.http.status).toBe(203);
        expect(response.http.headers.get('x-executor')).toBe('compiled');
        expect(response.body).toEqual({
          kind: 'single',
          singleResult: { data: { ok: 'yes' } },
        });
      }
    } finally {
      await apollo.stop();
    }
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).not.toBe(Object.prototype);
  });
});
