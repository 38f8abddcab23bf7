import { type GraphQLSchema, isObjectType } from 'graphql';
import { extensionsOf } from './pothos-extensions.js';
import { preloadUnderRootLists } from './preload.js';
import { readPagesDirectly } from './read-pages.js';
import { skipUnusedResolveInfo } from './resolve-info.js';

/**
 * The read engine's passes over the built schema, in their order, and what each changed. Each
 * replaces or marks resolvers only where the builder's records (see `pothos-extensions.ts`) say
 * nothing else wraps them; so first those records are checked to be there as expected.
 */
export function finishReadEngine(schema: GraphQLSchema): {
  readDirectly: string[];
  preloading: string[];
  ignoringInfo: string[];
} {
  checkBuilderRecords(schema);
  const readDirectly = readPagesDirectly(schema);
  const preloading = preloadUnderRootLists(schema);
  // Last: it marks resolvers as the passes above left them.
  const ignoringInfo = skipUnusedResolveInfo(schema);
  return { readDirectly, preloading, ignoringInfo };
}

/**
 * The passes read what the builder and its plugins record on fields and types, which is not a
 * published interface of theirs. Should a new version record it differently, a pass could take
 * an authorisation check for no wrapper at all and remove it with the wrapper: so the schema is
 * refused, at build, unless every field says whether its resolver is wrapped, and the records
 * of an authorisation scope, of a loaded type and of an exposed column are found where the
 * passes look for them.
 */
export function checkBuilderRecords(schema: Pick<GraphQLSchema, 'getTypeMap'>): void {
  const problems: string[] = [];
  let scopes = 0;
  let loaded = 0;
  let exposed = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const own = extensionsOf(type);
    if (own.getDataloader !== undefined) loaded += 1;
    if (own.pothosOptions?.authScopes !== undefined) scopes += 1;
    for (const field of Object.values(type.getFields())) {
      const records = extensionsOf(field);
      if (typeof records.pothosResolveWrapped !== 'boolean' || !records.pothosOptions) {
        problems.push(`${type.name}.${field.name} does not say whether its resolver is wrapped`);
      }
      if (records.pothosOptions?.authScopes !== undefined) scopes += 1;
      if (typeof records.pothosExposedField === 'string') exposed += 1;
    }
  }
  if (scopes === 0) problems.push('no type or field records an authorisation scope');
  if (loaded === 0) problems.push('no type records its loader');
  if (exposed === 0) problems.push('no field records the column it exposes');
  if (problems.length > 0) {
    throw new Error(
      `The schema builder no longer records what the read engine relies on (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}). Check the builder's version against query/pothos-extensions.ts before changing resolvers.`,
    );
  }
}
