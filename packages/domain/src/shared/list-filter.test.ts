import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * One meaning for a list in a filter, on every list of the graph: an empty list matches nothing,
 * and a list left out sets no condition. The lists and the filters' list fields are read from the
 * schema itself, so a list filter added later is checked without a word changed here.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface Field {
  name: string;
  args: Array<{ name: string; type: TypeRef }>;
  type: TypeRef;
}
interface SchemaType {
  kind: string;
  name: string;
  fields: Field[] | null;
  inputFields: Array<{ name: string; type: TypeRef }> | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECTION = `{ __schema { queryType { name } types {
  kind name
  fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } }
  inputFields { name type { ${TYPE_REF} } }
} } }`;

const withoutNonNull = (type: TypeRef): TypeRef =>
  type.kind === 'NON_NULL' ? withoutNonNull(type.ofType!) : type;
const named = (type: TypeRef): string => (type.ofType ? named(type.ofType) : type.name!);

/** A list of the graph that takes a filter with list fields: where it is, and those fields. */
interface FilteredList {
  parent: string;
  field: string;
  filterType: string;
  listFields: string[];
  /** The type of the list's records, and their fields that name a parent (an event's country). */
  itemType: string;
  backFields: string[];
}

/**
 * The lists that take a filter with list fields, and the root list that holds each type (such as
 * `countries` for `Country`), to find a parent of a nested list.
 */
async function filteredLists() {
  const { __schema: schema } = await api.data<{
    __schema: { queryType: { name: string }; types: SchemaType[] };
  }>(INTROSPECTION);
  const types = new Map(schema.types.map((type) => [type.name, type]));
  const listFieldsOf = (input: string) =>
    (types.get(input)?.inputFields ?? [])
      .filter((field) => withoutNonNull(field.type).kind === 'LIST')
      .map((field) => field.name);
  const lists: FilteredList[] = [];
  for (const type of schema.types) {
    if (type.kind !== 'OBJECT' || type.name.startsWith('__')) continue;
    for (const field of type.fields ?? []) {
      const filter = field.args.find((arg) => arg.name === 'filter');
      const returned = types.get(named(field.type));
      // A connection: a list with pages and a count (statistics take filters too, but are no list).
      if (!filter || !returned?.fields?.some((f) => f.name === 'totalCount')) continue;
      const listFields = listFieldsOf(named(filter.type));
      const nodes = returned.fields.find((f) => f.name === 'nodes');
      if (listFields.length === 0 || !nodes) continue;
      const itemType = named(nodes.type);
      const backFields = (types.get(itemType)?.fields ?? [])
        .filter((f) => withoutNonNull(f.type).kind === 'OBJECT' && named(f.type) === type.name)
        .map((f) => f.name);
      lists.push({
        parent: type.name,
        field: field.name,
        filterType: named(filter.type),
        listFields,
        itemType,
        backFields,
      });
    }
  }
  const rootLists: Record<string, string> = {};
  for (const field of types.get(schema.queryType.name)!.fields!) {
    if (field.args.some((arg) => arg.type.kind === 'NON_NULL')) continue;
    const nodes = types.get(named(field.type))?.fields?.find((f) => f.name === 'nodes');
    if (nodes) rootLists[named(nodes.type)] ??= field.name;
  }
  return { root: schema.queryType.name, lists, rootLists };
}

describe('a list in a filter', () => {
  // Hundreds of requests, one list and field at a time: more time than a test is usually given.
  it('matches nothing when empty and sets no condition when left out, on every list of the graph', async () => {
    const { root, lists, rootLists } = await filteredLists();
    // The sweep covers what the schema has today at the least; a list dropped from it by mistake
    // (the introspection read wrongly) would make the test pass on nothing.
    expect(lists.map((list) => `${list.parent}.${list.field}`)).toEqual(
      expect.arrayContaining([
        'Query.trainingEvents',
        'Query.programmes',
        'Query.organisations',
        'Query.donations',
        'Query.people',
        'Query.indicatorObservations',
        'Programme.organisations',
        'Country.trainingEvents',
      ]),
    );
    const seen: string[] = [];
    const empty: string[] = [];
    for (const list of lists) {
      // A parent of a nested list: the one of the first page of its kind holding the most.
      let parentId: string | undefined;
      if (list.parent !== root) {
        const { parentId: id, count } = await fullestParent(list, rootLists);
        if (count === 0) {
          empty.push(`${list.parent}.${list.field}`);
          continue;
        }
        parentId = id;
      }
      const count = (filter?: Record<string, unknown>) => totalCount(root, list, parentId, filter);
      const all = await count();
      expect(all, `${list.parent}.${list.field} holds records in the seed`).toBeGreaterThan(0);
      for (const field of list.listFields) {
        const label = `${list.parent}.${list.field}(filter: { ${field}: [] })`;
        expect(await count({ [field]: [] }), label).toBe(0);
        expect(await count({ [field]: null }), `${label} with null`).toBe(all);
        seen.push(`${list.filterType}.${field}`);
      }
      expect(await count({}), `${list.parent}.${list.field}(filter: {})`).toBe(all);
    }
    // The seed has no indicator values for a subdivision; every other list was tried on records.
    expect(empty).toEqual(['Subdivision.indicatorObservations']);
    // Every list field of every filter was tried on at least one list that holds records.
    const filterFields = new Set(
      lists.flatMap((l) => l.listFields.map((f) => `${l.filterType}.${f}`)),
    );
    expect(new Set(seen)).toEqual(filterFields);
  }, 120_000);
});

async function totalCount(
  root: string,
  list: FilteredList,
  parentId: string | undefined,
  filter: Record<string, unknown> | undefined,
): Promise<number> {
  // A variable left out of the request leaves the argument out.
  const args = '(filter: $filter)';
  const variables = `$filter: ${list.filterType}${parentId ? ', $id: ID!' : ''}`;
  if (list.parent === root) {
    const data = await api.data<Record<string, { totalCount: number }>>(
      `query(${variables}) { list: ${list.field}${args} { totalCount } }`,
      { filter },
    );
    return data.list!.totalCount;
  }
  const data = await api.data<{ node: { list: { totalCount: number } } }>(
    `query(${variables}) { node(id: $id) { ... on ${list.parent} { list: ${list.field}${args} { totalCount } } } }`,
    { filter, id: parentId },
  );
  return data.node.list.totalCount;
}

/**
 * A parent whose list holds the most: of the first 100 records of the parent's own root list,
 * and of the parents the first 100 records of the list's kind name (an event's country, say).
 */
async function fullestParent(
  list: FilteredList,
  rootLists: Record<string, string>,
): Promise<{ parentId: string; count: number }> {
  const rootList = rootLists[list.parent];
  expect(rootList, `a root list of ${list.parent}`).toBeDefined();
  const parents = await api.data<{ list: { nodes: Array<{ id: string }> } }>(
    `{ list: ${rootList}(first: 100) { nodes { id } } }`,
  );
  const candidates = new Set(parents.list.nodes.map((node) => node.id));
  const itemList = rootLists[list.itemType];
  for (const backField of itemList ? list.backFields : []) {
    const items = await api.data<{ list: { nodes: Array<{ parent: { id: string } | null }> } }>(
      `{ list: ${itemList}(first: 100) { nodes { parent: ${backField} { id } } } }`,
    );
    for (const item of items.list.nodes) if (item.parent) candidates.add(item.parent.id);
  }
  let best = { parentId: '', count: 0 };
  for (const id of candidates) {
    const data = await api.data<{ node: { list: { totalCount: number } } }>(
      `query($id: ID!) { node(id: $id) { ... on ${list.parent} { list: ${list.field} { totalCount } } } }`,
      { id },
    );
    if (data.node.list.totalCount > best.count) {
      best = { parentId: id, count: data.node.list.totalCount };
    }
  }
  return best;
}
