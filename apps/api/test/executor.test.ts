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
