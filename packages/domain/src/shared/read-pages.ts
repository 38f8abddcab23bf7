import { type GraphQLField, type GraphQLSchema, getNamedType, isObjectType } from 'graphql';

interface PothosExtensions {
  pothosResolveWrapped?: boolean;
  pothosOptions?: { authScopes?: unknown; errors?: unknown };
  getDataloader?: unknown;
  cacheResolved?: unknown;
  /** Set by the builder's relay options on the fields of connections and edges. */
  pageProperty?: string;
}

const extensionsOf = (holder: { extensions: unknown }) => holder.extensions as PothosExtensions;

/**
 * Whether a field's resolver is the relay plugin's own, possibly wrapped by the dataloader
 * plugin alone: that wrapper only loads values given as keys, and pages hold rows. Any auth
 * scope, on the field, its type or the records it returns, keeps the field as it is.
 */
function onlyLoadsKeys(parent: { extensions: unknown }, field: GraphQLField<unknown, unknown>) {
  const own = extensionsOf(field);
  if (own.pothosResolveWrapped === false) return true;
  const returned = extensionsOf(getNamedType(field.type) as { extensions: unknown });
  return (
    returned.getDataloader !== undefined &&
    !returned.cacheResolved &&
    returned.pothosOptions?.authScopes === undefined &&
    extensionsOf(parent).pothosOptions?.authScopes === undefined &&
    own.pothosOptions?.authScopes === undefined &&
    own.pothosOptions?.errors === undefined
  );
}

/**
 * Lets the executor read pages directly. The relay plugin gives `nodes`, `edges`, `pageInfo`
 * and an edge's `node` resolvers of their own (`nodes` is made from `edges`, one edge at a
 * time); every page of this API (a `Connection`) holds these as properties, with `nodes` the
 * records as they came from the database and edges made only when read. Without a resolver,
 * graphql-jit reads a property in place, with none of the work of calling a resolver; a client
 * reading `nodes` costs no edge at all. Returns the fields changed, as `Type.field`.
 */
export function readPagesDirectly(schema: GraphQLSchema): string[] {
  const changed: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (extensionsOf(field).pageProperty !== field.name || !field.resolve) continue;
      if (!onlyLoadsKeys(type, field)) continue;
      field.resolve = undefined;
      changed.push(`${type.name}.${field.name}`);
    }
  }
  return changed;
}
