import { describe, expectTypeOf, it } from 'vitest';
import {
  type Client,
  createClient,
  DonationsToCountryDocument,
  type ErrorCode,
  EventsInSubdivisionDocument,
  type GraphQLRequestError,
  ProgrammesDocument,
} from '../src/index.js';

declare const client: Client;

describe('the typed client', () => {
  it('types the data of each operation from the schema', async () => {
    const data = await client.request(EventsInSubdivisionDocument, { subdivision: 'UZ-QA' });
    expectTypeOf(data.trainingEvents.totalCount).toEqualTypeOf<number>();
    expectTypeOf(data.trainingEvents.nodes[0]!.participantCount).toEqualTypeOf<number | null>();
    expectTypeOf(data.trainingEvents.nodes[0]!.format).toEqualTypeOf<
      'HYBRID' | 'IN_PERSON' | 'TELECONFERENCE'
    >();
    expectTypeOf(data.trainingEvents.nodes[0]!.startDate).toEqualTypeOf<string | null>();
  });

  it('refuses a misspelled field at compile time', async () => {
    const data = await client.request(EventsInSubdivisionDocument, { subdivision: 'UZ-QA' });
    // @ts-expect-error `titel` is not a field of the operation
    data.trainingEvents.nodes[0]?.titel;
    // @ts-expect-error the operation did not select `description`
    data.trainingEvents.nodes[0]?.description;
  });

  it('refuses wrong or missing variables at compile time', async () => {
    // @ts-expect-error `subdivision` is required
    await client.request(EventsInSubdivisionDocument, { from: '2024-01-01' });
    // @ts-expect-error `subdivision` is a string, not a number
    await client.request(EventsInSubdivisionDocument, { subdivision: 42 });
    // @ts-expect-error `country` is a variable of another operation
    await client.request(EventsInSubdivisionDocument, { subdivision: 'UZ-QA', country: 'UZ' });
    // @ts-expect-error the variables are required
    await client.request(DonationsToCountryDocument);
  });

  it('lets variables be left out when none is required', async () => {
    const data = await client.request(ProgrammesDocument);
    expectTypeOf(data.programmes.nodes[0]!.status).toEqualTypeOf<
      'CANCELLED' | 'CLOSED' | 'FINALISATION' | 'IMPLEMENTATION' | 'PIPELINE' | 'SUSPENDED'
    >();
  });

  it('gives errors the codes of the schema', () => {
    expectTypeOf<'INVALID_ID'>().toExtend<ErrorCode>();
    expectTypeOf<GraphQLRequestError['code']>().toExtend<string>();
    expectTypeOf(createClient)
      .parameter(0)
      .toHaveProperty('token')
      .toEqualTypeOf<string | undefined>();
  });
});
