import { organisationColumns } from '@mch/db';
import { type GraphQLResolveInfo, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { neededColumns } from './projection.js';

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
  neededColumns(infoOf(document), 'Organisation', organisationColumns);

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
    expect(
      organisationNeeds('{ organisations { nodes { name trainingEvents { totalCount } } } }'),
    ).toEqual(organisationColumns);
  });
});
