import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { declaredIgnoringInfo } from '../shared/field-marks.js';
import { extensionsOf, onlyLoadsKeys } from './pothos-extensions.js';

/**
 * Resolve info the executor need not build. For every field it resolves, graphql-jit builds a
 * resolve info object and the response path it holds, for each record of the answer; most of
 * this API's resolvers of records' own fields (a name in the request's language, a related
 * row read along with its parent, a column exposed under another name, an ID) never read it.
 * Such fields carry `resolverIgnoresInfo` in their extensions, and the executor (patched, see
 * `patches/graphql-jit@*.patch`) passes them no info at all.
 */

/**
 * Marks the fields whose resolver, as installed, reads no info: one declared so with
 * `ignoresInfo`; the builder's own resolver of an exposed column; or such a resolver wrapped
 * only by the dataloader plugin, which hands info on to it untouched. Runs after every other
 * change to the schema's resolvers. Returns the fields marked, as `Type.field`.
 */
export function skipUnusedResolveInfo(schema: GraphQLSchema): string[] {
  const marked: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
      if (!resolve) continue;
      const own = extensionsOf(field);
      const original = own.pothosConfig?.resolve;
      const unwrapped = own.pothosResolveWrapped === false && resolve === original;
      const free =
        declaredIgnoringInfo(resolve) ||
        (unwrapped && own.pothosExposedField !== undefined) ||
        (own.pothosResolveWrapped === true &&
          declaredIgnoringInfo(original) &&
          onlyLoadsKeys(type, field));
      if (!free) continue;
      (field as { extensions: object }).extensions = {
        ...field.extensions,
        resolverIgnoresInfo: true,
      };
      marked.push(`${type.name}.${field.name}`);
    }
  }
  return marked;
}
