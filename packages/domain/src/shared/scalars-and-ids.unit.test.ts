import type { GraphQLInterfaceType, GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeGlobalId, encodeGlobalId, parseGlobalIdOf } from './global-id.js';
import { isCalendarDate, toIsoInstant } from './scalars.js';

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-02-30', false],
    ['2024-13-01', false],
    ['2024-2-1', false],
    ['2024-02-01T00:00:00Z', false],
    ['0000-01-01', false],
  ])('%s is a calendar date: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe('global IDs', () => {
  it('round-trip a type and a key', () => {
    const id = encodeGlobalId('TrainingEvent', '0d7c1a1e-7b6f-5b54-9a0f-5d1b4c0a9e11');
    expect(id).toBe('VHJhaW5pbmdFdmVudDowZDdjMWExZS03YjZmLTViNTQtOWEwZi01ZDFiNGMwYTllMTE=');
    expect(decodeGlobalId(id)).toEqual({
      typename: 'TrainingEvent',
      id: '0d7c1a1e-7b6f-5b54-9a0f-5d1b4c0a9e11',
    });
  });

  it('name the argument and both types when an ID is of the wrong type', () => {
    const id = encodeGlobalId('Programme', '0d7c1a1e-7b6f-5b54-9a0f-5d1b4c0a9e11');
    expect(() => parseGlobalIdOf('Organisation', id, 'filter.hostOrganisations')).toThrow(
      '`filter.hostOrganisations` must be the ID of an Organisation; this one names a Programme.',
    );
  });

  it('refuse a key that is not a UUID even when the type is right', () => {
    const id = encodeGlobalId('Organisation', '42');
    expect(() => parseGlobalIdOf('Organisation', id, 'organisation')).toThrow(
      '`organisation` is not the ID of any Organisation: its key is not a UUID; use the `id` of an Organisation.',
    );
  });
});

describe('instants', () => {
  it.each([
    ['2024-02-08 09:30:00.123+00', '2024-02-08T09:30:00.123Z'],
    ['2024-02-08 09:30:00+05:30', '2024-02-08T04:00:00.000Z'],
    ['2024-02-08 09:30:00.5-03', '2024-02-08T12:30:00.500Z'],
    [new Date('2024-02-08T09:30:00Z'), '2024-02-08T09:30:00.000Z'],
  ])('%s is %s in ISO 8601', (value, expected) => {
    expect(toIsoInstant(value)).toBe(expected);
  });
});

describe('node IDs in the schema', () => {
  it('resolve at once, to the same ID the relay plugin would give', async () => {
    const { schema } = await import('../schema/index.js');
    const key = '3f2b8c1e-2f4a-4c55-9d1e-7a0b6c5d4e3f';
    const answered: Record<string, unknown> = {};
    const wrapped: string[] = [];
    for (const type of schema.getPossibleTypes(schema.getType('Node') as GraphQLInterfaceType)) {
      const field = type.getFields().id!;
      // An API token's ID goes through its auth scope first, so it keeps the plugin's resolver.
      if (field.extensions.pothosResolveWrapped) {
        wrapped.push(type.name);
        continue;
      }
      const resolve = field.resolve!;
      const row = { id: key, code: 'MMR' };
      answered[type.name] = resolve(row, {}, {}, {} as GraphQLResolveInfo);
    }
    expect(wrapped).toEqual(['ApiToken']);
    expect(answered).toEqual({
      Agreement: encodeGlobalId('Agreement', key),
      Country: encodeGlobalId('Country', key),
      Donation: encodeGlobalId('Donation', key),
      DonationItem: encodeGlobalId('DonationItem', key),
      Indicator: encodeGlobalId('Indicator', 'MMR'),
      IndicatorObservation: encodeGlobalId('IndicatorObservation', key),
      Organisation: encodeGlobalId('Organisation', key),
      Person: encodeGlobalId('Person', key),
      Programme: encodeGlobalId('Programme', key),
      Source: encodeGlobalId('Source', key),
      Subdivision: encodeGlobalId('Subdivision', key),
      Target: encodeGlobalId('Target', key),
      Topic: encodeGlobalId('Topic', key),
      TrainingEvent: encodeGlobalId('TrainingEvent', key),
    });
  });
});

describe('pages in the schema', () => {
  it('are read in place, except where an auth scope guards the records', async () => {
    const { schema } = await import('../schema/index.js');
    const withResolver: string[] = [];
    let inPlace = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!/(Connection|Edge)$/.test(type.name) || !('getFields' in type)) continue;
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        if (!['nodes', 'edges', 'pageInfo', 'node'].includes(field.name)) continue;
        if (field.resolve) withResolver.push(`${type.name}.${field.name}`);
        else inPlace++;
      }
    }
    // The change feed's pages are shaped their own way, and keep their own resolvers.
    expect(withResolver.sort()).toEqual([
      'ApiTokenConnection.nodes',
      'ApiTokenEdge.node',
      'ChangeConnection.edges',
      'ChangeConnection.nodes',
      'ChangeConnection.pageInfo',
      'ChangeEdge.node',
    ]);
    // nodes, edges and pageInfo of 23 connections and the node of their edges, but for the
    // API tokens' records.
    expect(inPlace).toBe(23 * 4 - 2);
  });
});
