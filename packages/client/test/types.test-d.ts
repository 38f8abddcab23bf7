import { describe, expectTypeOf, it } from 'vitest';
import {
  allNodes,
  type Client,
  createClient,
  DashboardEventsDocument,
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

  it('takes request options after the variables, and types the metadata and the pager', async () => {
    const signal = new AbortController().signal;
    await client.request(ProgrammesDocument, {}, { signal, method: 'GET' });
    await client.request(EventsInSubdivisionDocument, { subdivision: 'UZ-QA' }, { headers: {} });
    // @ts-expect-error options come after the variables, which this operation requires
    await client.request(DonationsToCountryDocument, { signal });
    // @ts-expect-error a request is sent by GET or POST
    await client.request(ProgrammesDocument, {}, { method: 'PUT' });
    const { metadata } = await client.requestWithMetadata(ProgrammesDocument);
    expectTypeOf(metadata.language).toEqualTypeOf<string | undefined>();
    expectTypeOf(metadata.rateLimit).toEqualTypeOf<
      { limit: number; remaining: number; resetSeconds: number } | undefined
    >();
    const events = await allNodes(client, DashboardEventsDocument, {}, (d) => d.trainingEvents);
    expectTypeOf(events[0]!.country.code).toEqualTypeOf<string>();
    // @ts-expect-error the pager sets `first` and `after` itself
    await allNodes(client, DashboardEventsDocument, { first: 5 }, (d) => d.trainingEvents);
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
