import { GraphQLObjectType, type GraphQLSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { checkBuilderRecords } from './schema-passes.js';

/**
 * The built schema's object types, copied, with the builder's records on them and their fields
 * rewritten by `change` (the schema itself is left as it is).
 */
function withRecords(
  change: (records: Record<string, unknown>, at: string) => Record<string, unknown>,
): Pick<GraphQLSchema, 'getTypeMap'> {
  const types = Object.values(schema.getTypeMap()).map((type) => {
    if (!isObjectType(type) || type.name.startsWith('__')) return type;
    const config = type.toConfig();
    return new GraphQLObjectType({
      ...config,
      extensions: change({ ...config.extensions }, type.name),
      fields: Object.fromEntries(
        Object.entries(config.fields).map(([name, field]) => [
          name,
          { ...field, extensions: change({ ...field.extensions }, `${type.name}.${name}`) },
        ]),
      ),
    });
  });
  return { getTypeMap: () => Object.fromEntries(types.map((type) => [type.name, type])) };
}

describe('the read engine refuses a schema whose builder records what it reads differently', () => {
  it('accepts the schema as the builder makes it', () => {
    expect(() => checkBuilderRecords(schema)).not.toThrow();
  });

  it('refuses a field that no longer says whether its resolver is wrapped', () => {
    const changed = withRecords((records, at) => {
      if (at !== 'TrainingEvent.topics') return records;
      const { pothosResolveWrapped: _, ...rest } = records;
      return rest;
    });
    expect(() => checkBuilderRecords(changed)).toThrow(
      /TrainingEvent\.topics does not say whether its resolver is wrapped/,
    );
  });

  it('refuses a schema whose authorisation scopes are recorded under another name', () => {
    const changed = withRecords((records) => {
      const options = records.pothosOptions as { authScopes?: unknown } | undefined;
      if (options?.authScopes === undefined) return records;
      const { authScopes, ...rest } = options;
      return { ...records, pothosOptions: { ...rest, scopes: authScopes } };
    });
    expect(() => checkBuilderRecords(changed)).toThrow(
      /no type or field records an authorisation scope/,
    );
  });

  it('refuses a schema whose loaded types and exposed columns are recorded elsewhere', () => {
    const changed = withRecords((records) => {
      const { getDataloader: _loader, pothosExposedField: _column, ...rest } = records;
      return rest;
    });
    expect(() => checkBuilderRecords(changed)).toThrow(
      /no type records its loader; no field records the column it exposes/,
    );
  });
});
