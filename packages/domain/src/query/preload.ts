import {
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';
import { type Context, requestCache } from '../context.js';
import type { Connection } from './pagination.js';

/**
 * Related lists preloaded before their fields ask. When a page of records is in hand (a top-level
 * list, or the children of a related list), the related lists the document reads on those
 * records are loaded at once, one statement per list as before, and kept for the request. Each
 * record's field then answers from memory, at once, instead of every record asking a loader for
 * its page and waiting for it. The result is the same either way: a field answers from here only
 * when the place it is read at was loaded with exactly its own field node, so with its own
 * arguments and selection; anything else (a field merged from fragments, or under a directive)
 * is loaded by the field itself, as before.
 */

/** Preloads a related list for many parents before its field asks; set on its resolver by `loadByParent`. */
export const PRELOAD = Symbol('preloads a related list before its field asks');

export type Preload = (
  parents: readonly unknown[],
  ctx: Context,
  args: object,
  info: GraphQLResolveInfo,
) => Promise<void>;

type Key = string | number;

// The pages preloaded in a request: by the field node of the place, then by parent key.
const preloadedOf = requestCache(() => new Map<FieldNode, Map<Key, Connection<unknown>>>());

/** Keeps the pages preloaded for the parents at the place of `node`. */
export function keepPreloaded(
  ctx: Context,
  node: FieldNode,
  keys: readonly Key[],
  pages: readonly Connection<unknown>[],
): void {
  const places = preloadedOf(ctx);
  let place = places.get(node);
  if (!place) {
    place = new Map();
    places.set(node, place);
  }
  for (let i = 0; i < keys.length; i++) place.set(keys[i]!, pages[i]!);
}

/** The page preloaded for this parent at this place, if there is one. */
export function preloaded(
  ctx: Context,
  info: GraphQLResolveInfo,
  key: Key,
): Connection<unknown> | undefined {
  if (info.fieldNodes.length !== 1) return undefined;
  return preloadedOf(ctx).get(info.fieldNodes[0]!)?.get(key);
}

interface PreloadPlace {
  node: FieldNode;
  field: GraphQLField<unknown, unknown>;
  preload: Preload;
  /** The response keys from the connection to the field: `nodes` or `edges.node`, then its own. */
  path: readonly string[];
  fieldNodes: readonly FieldNode[];
}

const preloadOf = (field: GraphQLField<unknown, unknown> | undefined) =>
  (field?.resolve as { [PRELOAD]?: Preload } | undefined)?.[PRELOAD];

/** The type of the records of a connection type; undefined for any other type. */
export function recordTypeOf(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const named = getNamedType(type);
  if (!isObjectType(named)) return undefined;
  const { nodes, edges } = named.getFields();
  const record = nodes && edges ? getNamedType(nodes.type) : undefined;
  return record && isObjectType(record) ? record : undefined;
}

const preloadsOfPlaces = new WeakMap<readonly FieldNode[], PreloadPlace[]>();

/**
 * The related lists that can be preloaded for the records of the connection at this place,
 * worked out once per place in a document.
 */
function preloadsAt(info: GraphQLResolveInfo, record: GraphQLObjectType): PreloadPlace[] {
  let found = preloadsOfPlaces.get(info.fieldNodes);
  if (found) return found;
  const byKey = new Map<string, { nodes: FieldNode[]; path: string[] }>();
  let directives = false;
  const visit = (
    set: SelectionSetNode | undefined,
    typename: string,
    onField: (f: FieldNode) => void,
  ) => {
    for (const selection of set?.selections ?? []) {
      if (selection.directives?.length) directives = true;
      else if (selection.kind === 'Field') onField(selection);
      else if (selection.kind === 'InlineFragment') {
        const on = selection.typeCondition?.name.value;
        if (on === undefined || on === typename) visit(selection.selectionSet, typename, onField);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment?.typeCondition.name.value === typename) {
          visit(fragment.selectionSet, typename, onField);
        }
      }
    }
  };
  const onRecordField = (via: string[]) => (node: FieldNode) => {
    const key = node.alias?.value ?? node.name.value;
    const entry = byKey.get(key);
    if (entry) entry.nodes.push(node);
    else byKey.set(key, { nodes: [node], path: [...via, key] });
  };
  const connection = getNamedType(info.returnType).name;
  const edge = getNamedType(
    (getNamedType(info.returnType) as GraphQLObjectType).getFields().edges!.type,
  ).name;
  for (const top of info.fieldNodes) {
    visit(top.selectionSet, connection, (field) => {
      if (field.name.value === 'nodes') {
        visit(field.selectionSet, record.name, onRecordField([field.alias?.value ?? 'nodes']));
      } else if (field.name.value === 'edges') {
        const edges = field.alias?.value ?? 'edges';
        visit(field.selectionSet, edge, (inner) => {
          if (inner.name.value !== 'node') return;
          visit(
            inner.selectionSet,
            record.name,
            onRecordField([edges, inner.alias?.value ?? 'node']),
          );
        });
      }
    });
  }
  found = [];
  if (!directives) {
    const fields = record.getFields();
    for (const { nodes, path } of byKey.values()) {
      const node = nodes[0]!;
      const field = fields[node.name.value];
      const preload = preloadOf(field);
      if (nodes.length === 1 && field && preload) {
        found.push({ node, field, preload, path, fieldNodes: [node] });
      }
    }
  }
  preloadsOfPlaces.set(info.fieldNodes, found);
  return found;
}

/**
 * Loads, for these records of the connection at this place, the related lists the document
 * reads on them. A list that cannot be preloaded (its arguments are wrong, a statement
 * fails) is left to its field, which then answers for it: with its error, in its place.
 */
export async function preloadRelatedLists(
  records: readonly unknown[],
  ctx: Context,
  info: GraphQLResolveInfo,
  record: GraphQLObjectType | undefined = recordTypeOf(info.returnType),
): Promise<void> {
  if (!record || records.length === 0) return;
  const places = preloadsAt(info, record);
  if (places.length === 0) return;
  await Promise.all(
    places.map(async ({ node, field, preload, path, fieldNodes }) => {
      try {
        const args = getArgumentValues(field, node, info.variableValues);
        let at: GraphQLResolveInfo['path'] = info.path;
        for (const [i, key] of path.entries()) {
          // The index of a record in its list: any one stands for all in a place's path.
          at = { prev: at, key, typename: undefined };
          if (i === 0) at = { prev: at, key: 0, typename: undefined };
        }
        const place: GraphQLResolveInfo = {
          ...info,
          fieldName: field.name,
          fieldNodes,
          returnType: field.type,
          parentType: record,
          path: at,
        };
        await preload(records, ctx, args, place);
      } catch {
        // Left to the field itself.
      }
    }),
  );
}

/**
 * Makes every top-level list preload the related lists its document reads on its records.
 * A list's own resolver is kept and runs first; its page is then answered once those are in.
 */
export function preloadUnderRootLists(schema: GraphQLSchema): string[] {
  const query = schema.getQueryType();
  const changed: string[] = [];
  for (const field of Object.values(query?.getFields() ?? {})) {
    const record = recordTypeOf(field.type);
    const own = field.resolve;
    if (!record || !own) continue;
    if (!Object.values(record.getFields()).some((inner) => preloadOf(inner))) continue;
    const preloadUnder = async (page: unknown, ctx: Context, info: GraphQLResolveInfo) => {
      const nodes = (page as { nodes?: unknown } | null)?.nodes;
      if (Array.isArray(nodes)) await preloadRelatedLists(nodes, ctx, info, record);
      return page;
    };
    field.resolve = (root, args, ctx, info) => {
      const page = own(root, args, ctx, info);
      return page instanceof Promise
        ? page.then((resolved) => preloadUnder(resolved, ctx as Context, info))
        : preloadUnder(page, ctx as Context, info);
    };
    changed.push(field.name);
  }
  return changed;
}
