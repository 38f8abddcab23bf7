import { type GraphQLField, getNamedType } from 'graphql';

/** What the builder and its plugins record on a field, type or its configuration. */
export interface PothosExtensions {
  pothosResolveWrapped?: boolean;
  pothosExposedField?: string;
  pothosOptions?: { authScopes?: unknown; errors?: unknown };
  pothosConfig?: { resolve?: unknown };
  getDataloader?: unknown;
  cacheResolved?: unknown;
  /** Set by the builder's relay options on the fields of connections and edges. */
  pageProperty?: string;
}

export const extensionsOf = (holder: { extensions: unknown }) =>
  holder.extensions as PothosExtensions;

/**
 * Whether a field's resolver is its own, possibly wrapped by the dataloader plugin alone: that
 * wrapper only hands the resolver's arguments on and loads what comes back as a key. Any auth
 * scope, on the field, its type or the records it returns, or an error union, counts as
 * another wrapper.
 */
export function onlyLoadsKeys(
  parent: { extensions: unknown },
  field: GraphQLField<unknown, unknown>,
): boolean {
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
