import { organisationColumns } from '@mch/db';
import {
  buildSchema,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { columnsAsked } from './projection.js';

// The columns an operation needs of a type: what its fields read, wherever the operation asks
// for the type, and every column when a field does not say what it reads.

function infoOf(document: string) {
  const parsed = parse(document);
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((definition) => definition.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return {
    schema,
    operation: parsed.definitions.find(
      (definition) => definition.kind === 'OperationDefinition',
    ) as OperationDefinitionNode,
    fragments,
  } as unknown as GraphQLResolveInfo;
}

const organisationNeeds = (document: string) =>
  columnsAsked(infoOf(document), 'Organisation', organisationColumns);

describe('the columns an operation needs', () => {
  it('are the key and what the selected fields read', () => {
    expect(
      organisationNeeds(
        '{ trainingEvents { nodes { hostOrganisation { name country { code } } } } }',
      ),
    ).toEqual(['id', 'name', 'original_language', 'country_id']);
  });

  it('add up over every place the operation asks for the type', () => {
    expect(
      organisationNeeds(`{
        trainingEvents { nodes { hostOrganisation { name } } }
        search(query: "Maputo") { nodes { ... on Organisation { acronym kind } } }
      }`),
    ).toEqual(['id', 'name', 'original_language', 'acronym', 'kind']);
  });

  it('follow fragments and interfaces', () => {
    expect(
      organisationNeeds(`
        query { node(id: "x") { ...Dates ... on Organisation { iatiIdentifier } } }
        fragment Dates on Record { updatedAt version }`),
    ).toEqual(['id', 'iati_identifier', 'updated_at', 'version']);
  });

  it('are every column when a field does not say what it reads', () => {
    const bare = buildSchema(
      'type Query { organisation: Organisation } type Organisation { id: ID name: String rank: Int }',
    );
    const info = {
      ...infoOf('{ organisation { name rank } }'),
      schema: bare,
    } as GraphQLResolveInfo;
    expect(columnsAsked(info, 'Organisation', organisationColumns)).toEqual(organisationColumns);
  });

  it('leave out what a related list does not read: it needs only the key', () => {
    expect(
      organisationNeeds(
        '{ organisations { nodes { name hostedTrainingEvents { totalCount } trainingEvents { totalCount } } } }',
      ),
    ).toEqual(['id', 'name', 'original_language']);
  });
});

describe('the fields of a type read by projection', () => {
  // The types whose rows are read with only the columns an operation needs: as a list's rows,
  // or beside their parent's. A field that did not say what it reads would make every
  // operation that asks for it read every column again.
  const projected = [
    'Country',
    'Organisation',
    'Person',
    'Presenter',
    'Programme',
    'Subdivision',
    'Topic',
    'TrainingEvent',
  ];

  it('each say which columns they read', () => {
    const silent = projected.flatMap((name) => {
      const type = schema.getType(name) as GraphQLObjectType;
      return Object.values(type.getFields())
        .filter((field) => {
          const extensions = field.extensions as {
            columns?: unknown;
            pothosExposedField?: unknown;
          };
          return field.name !== 'id' && !extensions.columns && !extensions.pothosExposedField;
        })
        .map((field) => `${name}.${field.name}`);
    });
    expect(silent).toEqual([]);
  });
});
