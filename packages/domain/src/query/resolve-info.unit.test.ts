import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { ignoresInfo } from '../shared/field-marks.js';
import { skipUnusedResolveInfo } from './resolve-info.js';

const marked = (type: string, field: string) =>
  (schema.getType(type) as GraphQLObjectType).getFields()[field]?.extensions.resolverIgnoresInfo ===
  true;

describe('resolvers that read no resolve info', () => {
  it('are marked on the fields every record of a page resolves', () => {
    const fields = [
      ['TrainingEvent', 'id'],
      ['TrainingEvent', 'title'],
      ['TrainingEvent', 'startDate'],
      ['TrainingEvent', 'hostOrganisation'],
      ['Organisation', 'name'],
      ['Organisation', 'country'],
      ['Country', 'name'],
      ['Subdivision', 'name'],
      ['Presenter', 'person'],
      ['Presenter', 'organisation'],
      ['Topic', 'name'],
    ];
    expect(fields.filter(([type, field]) => !marked(type!, field!))).toEqual([]);
  });

  it('are not marked where the resolver reads its info or a plugin wraps it', () => {
    const fields = [
      // Related lists find their place in the document through the info.
      ['TrainingEvent', 'presenters'],
      ['TrainingEvent', 'topics'],
      ['Organisation', 'people'],
      ['Query', 'trainingEvents'],
      ['Query', 'search'],
      // An auth scope wraps these.
      ['Query', 'apiTokens'],
      ['ApiToken', 'id'],
    ];
    expect(fields.filter(([type, field]) => marked(type!, field!))).toEqual([]);
  });

  it('are marked only when declared so, or exposed, as the builder installed them', () => {
    const own = (row: { name: string }) => row.name;
    const declared = ignoresInfo((row: { name: string }) => row.name);
    const built = (resolve: unknown, more: object = {}) => ({
      pothosResolveWrapped: false,
      pothosConfig: { resolve },
      ...more,
    });
    const Thing = new GraphQLObjectType({
      name: 'Thing',
      fields: {
        undeclared: { type: GraphQLString, resolve: own, extensions: built(own) },
        declared: { type: GraphQLString, resolve: declared, extensions: built(declared) },
        exposed: {
          type: GraphQLString,
          resolve: own,
          extensions: built(own, { pothosExposedField: 'name' }),
        },
        // Exposed, but another resolver was put in place afterwards.
        replaced: {
          type: GraphQLString,
          resolve: (row: { name: string }) => row.name,
          extensions: built(own, { pothosExposedField: 'name' }),
        },
        // Declared, but wrapped by a plugin other than the dataloader's.
        scoped: {
          type: GraphQLString,
          resolve: (row: { name: string }) => row.name,
          extensions: {
            ...built(declared),
            pothosResolveWrapped: true,
            pothosOptions: { authScopes: { editor: true } },
          },
        },
      },
    });
    const things = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { thing: { type: Thing } } }),
    });
    expect(skipUnusedResolveInfo(things)).toEqual(['Thing.declared', 'Thing.exposed']);
  });
});
