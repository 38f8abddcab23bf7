import { type GraphQLField, type GraphQLSchema, getNamedType, isObjectType } from 'graphql';

interface PothosExtensions {
  pothosResolveWrapped?: boolean;
  pothosOptions?: { authScopes?: unknown; errors?: unknown };
  getDataloader?: unknown;
  cacheResolved?: unknown;
}

const extensionsOf = (holder: { extensions: unknown }) => holder.extensions as PothosExtensions;

/**
 * Whether the resolver of a connection's `nodes` is the relay plugin's own, possibly wrapped by
 * the dataloader plugin alone: that wrapper only loads values given as keys, and a page's
 * records are rows. Any auth scope, on the field, the connection or its records, keeps the
 * field as it is.
 */
function onlyLoadsKeys(connection: { extensions: unknown }, nodes: GraphQLField<unknown, unknown>) {
  const field = extensionsOf(nodes);
  if (field.pothosResolveWrapped === false) return true;
  const record = extensionsOf(getNamedType(nodes.type) as { extensions: unknown });
  return (
    record.getDataloader !== undefined &&
    !record.cacheResolved &&
    record.pothosOptions?.authScopes === undefined &&
    extensionsOf(connection).pothosOptions?.authScopes === undefined &&
    field.pothosOptions?.authScopes === undefined &&
    field.pothosOptions?.errors === undefined
  );
}

/**
 * Answers every connection's `nodes` with the page's own array of records. The relay plugin
 * makes `nodes` from `edges`, one edge at a time; a page of this API holds its records as they
 * came from the database and makes edges (with their cursors) only when a client reads them, so
 * a client reading `nodes` costs no edge at all. A connection without a `nodes` array (one made
 * elsewhere) still goes the plugin's way. Returns the names of the connections changed.
 */
export function answerNodesFromPages(schema: GraphQLSchema): string[] {
  const changed: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = type.getFields();
    const nodes = fields.nodes;
    if (!nodes?.resolve || !fields.edges || !fields.pageInfo) continue;
    if (!onlyLoadsKeys(type, nodes)) continue;
    const fromEdges = nodes.resolve;
    nodes.resolve = (connection, args, context, info) => {
      const own = (connection as { nodes?: unknown } | null)?.nodes;
      return Array.isArray(own) ? own : fromEdges(connection, args, context, info);
    };
    changed.push(type.name);
  }
  return changed;
}
