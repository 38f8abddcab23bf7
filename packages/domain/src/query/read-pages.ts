import { type GraphQLSchema, isObjectType } from 'graphql';
import { extensionsOf, onlyLoadsKeys } from './pothos-extensions.js';

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
