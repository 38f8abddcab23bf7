import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields a query selects below a field, by name, merged over aliases and fragments. */
export type Selection = Map<string, Selection>;

function collect(
  selectionSet: SelectionSetNode | undefined,
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  into: Selection,
): Selection {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') {
      const name = selection.name.value;
      const below = into.get(name) ?? new Map();
      into.set(name, collect(selection.selectionSet, info, below));
    } else if (selection.kind === 'InlineFragment') {
      collect(selection.selectionSet, info, into);
    } else {
      collect(info.fragments[selection.name.value]?.selectionSet, info, into);
    }
  }
  return into;
}

/** What the query selects below the field being resolved. */
export function selectionOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Selection {
  const selection: Selection = new Map();
  for (const node of info.fieldNodes as readonly FieldNode[])
    collect(node.selectionSet, info, selection);
  return selection;
}

/** What the query selects on the records of a connection, through `nodes` and `edges.node`. */
export function nodeSelectionOf(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
): Selection {
  const connection = selectionOf(info);
  const nodes: Selection = new Map(connection.get('nodes') ?? []);
  for (const [name, below] of connection.get('edges')?.get('node') ?? []) {
    nodes.set(name, merge(nodes.get(name), below));
  }
  return nodes;
}

function merge(a: Selection | undefined, b: Selection): Selection {
  if (!a) return b;
  const merged: Selection = new Map(a);
  for (const [name, below] of b) merged.set(name, merge(merged.get(name), below));
  return merged;
}

const cursorsOfPlaces = new WeakMap<readonly FieldNode[], boolean>();

/**
 * Whether the query reads a cursor of the connection being resolved (`edges.cursor`,
 * `pageInfo.startCursor` or `pageInfo.endCursor`); a page read without them needs no sort keys
 * beside its rows. Worked out once per place in a document.
 */
export function cursorsAsked(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  let asked = cursorsOfPlaces.get(info.fieldNodes);
  if (asked === undefined) {
    const connection = selectionOf(info);
    const pageInfo = connection.get('pageInfo');
    asked =
      connection.get('edges')?.has('cursor') === true ||
      pageInfo?.has('startCursor') === true ||
      pageInfo?.has('endCursor') === true;
    cursorsOfPlaces.set(info.fieldNodes, asked);
  }
  return asked;
}
