import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from './test-api.js';

/**
 * The WHO Global Health Observatory, stood in for by a local server that answers with saved
 * answers in the shape of the real OData API, and an API that imports from it over HTTP.
 */

export const MMR = 'MDG_0000000026';
export const U5MR = 'MDG_0000000007';

/** A row of a GHO answer, in the API's shape. */
export function ghoRow(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    Id: 1,
    IndicatorCode: MMR,
    SpatialDimType: 'COUNTRY',
    SpatialDim: 'MOZ',
    ParentLocationCode: 'AFR',
    TimeDimType: 'YEAR',
    ParentLocation: 'Africa',
    Dim1Type: null,
    TimeDim: 2023,
    Dim1: null,
    Dim2Type: null,
    Dim2: null,
    Dim3Type: null,
    Dim3: null,
    DataSourceDimType: null,
    DataSourceDim: null,
    Value: '82 [60-113]',
    NumericValue: 82,
    Low: 60,
    High: 113,
    Comments: null,
    Date: '2025-04-07T09:00:00+02:00',
    TimeDimensionValue: '2023',
    TimeDimensionBegin: '2023-01-01T00:00:00+01:00',
    TimeDimensionEnd: '2023-12-31T00:00:00+01:00',
    ...fields,
  };
}

/** A whole answer of GHO for one indicator. */
export const ghoAnswer = (code: string, rows: unknown[]) => ({
  '@odata.context': `https://ghoapi.azureedge.net/api/$metadata#${code}`,
  value: rows,
});

export const GHO_IMPORT = `mutation($input: ImportGhoIndicatorsInput!) {
  importGhoIndicators(input: $input) {
    __typename
    ... on ImportGhoIndicatorsPayload {
      indicators {
        indicator { code } request source { url kind publisher }
        rowCount created updated unchanged skipped { reason count examples }
      }
    }
    ... on ImportRejectedError { code message problemCount problems { row column message } }
    ... on UpstreamError { code message status url }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

export interface GhoHarness {
  api: TestApi;
  /** What the stand-in answers, by path; a test sets it before asking. */
  answers: Record<string, { status: number; body: string }>;
  /** The requests the stand-in received, decoded. */
  requests: string[];
  /** Runs `importGhoIndicators` (as an admin unless another token is given). */
  importAs(input: Record<string, unknown>, token?: string): Promise<Record<string, unknown>>;
  /** Rows of the tables an import writes. */
  counts(): Promise<{ observations: number; audit: number; sources: number }>;
  stop(): Promise<void>;
}

export async function startGhoHarness(): Promise<GhoHarness> {
  const requests: string[] = [];
  const harness = { answers: {}, requests } as GhoHarness;
  const server = createServer((req, res) => {
    requests.push(decodeURIComponent(req.url ?? ''));
    const found = harness.answers[new URL(req.url ?? '/', 'http://gho').pathname];
    res.writeHead(found?.status ?? 404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(found?.body ?? '{"error":{"code":"","message":"No HTTP resource was found."}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api = await startTestApi({ env: { GHO_BASE_URL: `http://127.0.0.1:${port}` } });
  const count = async (table: 'indicator_observation' | 'audit_event' | 'source') =>
    Number(
      (
        await api.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return Object.assign(harness, {
    api,
    importAs: async (input: Record<string, unknown>, token = api.tokens.admin) =>
      (
        await api.data<{ importGhoIndicators: Record<string, unknown> }>(
          GHO_IMPORT,
          { input },
          { token },
        )
      ).importGhoIndicators,
    counts: async () => ({
      observations: await count('indicator_observation'),
      audit: await count('audit_event'),
      sources: await count('source'),
    }),
    stop: async () => {
      await api.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}
