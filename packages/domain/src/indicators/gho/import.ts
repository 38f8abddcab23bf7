import type { Context } from '../../context.js';
import {
  type ImportProblem,
  ImportRejectedError,
  UpstreamError,
} from '../../shared/import-errors.js';
import { anyOf } from '../../shared/sql.js';
import { runWrite, type WriteScope } from '../../writes/run.js';
import { type GhoSkipped, readGhoRows } from './response.js';
import { type GhoImportOptions, storeFacts } from './store.js';

/**
 * Importing indicator values from the WHO Global Health Observatory: asking its OData API (or
 * reading a saved answer), then storing every value the graph can hold in one transaction.
 * Each value cites a source naming the exact request. The graph holds one WHO value per
 * observation (indicator, place, year, sex, method): importing the same answer again changes
 * nothing, a value WHO changed is updated with an entry in the audit trail, and a value the
 * graph already held from WHO (the seed's) is updated or left as it is, never stored twice.
 */

/** The largest answer read from the API; the largest indicators answer a few megabytes. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 60_000;

/** The request that asks GHO for one indicator, for some countries or for every place. */
export function ghoRequestUrl(baseUrl: string, indicator: string, alpha3s: string[] = []): string {
  const url = new URL(
    `api/${encodeURIComponent(indicator)}`,
    baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
  );
  if (alpha3s.length === 0) return url.toString();
  // Spaces as %20, as OData expects, rather than the `+` of form encoding.
  const filter = alpha3s.map((code) => `SpatialDim eq '${code}'`).join(' or ');
  return `${url.toString()}?$filter=${encodeURIComponent(filter)}`;
}

/** An answer of GHO, as received or as saved, with the request it answers. */
export interface GhoResponse {
  indicator: string;
  url: string;
  body: unknown;
  /** True when read from a saved file rather than asked for now. */
  saved: boolean;
}

/** Asks GHO for one indicator; a failure to answer is an `UpstreamError`. */
export async function fetchGho(url: string, indicator: string): Promise<GhoResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `did not answer within ${FETCH_TIMEOUT_MS / 1000} s`
        : `could not be reached (${(error as Error).message})`;
    throw new UpstreamError(`The WHO Global Health Observatory ${reason}.`, url);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UpstreamError(
      `The WHO Global Health Observatory answered HTTP ${response.status} to ${url}.`,
      url,
      response.status,
    );
  }
  const text = await readLimited(response, url);
  return { indicator, url, body: parseJson(text, indicator), saved: false };
}

async function readLimited(response: Response, url: string): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new UpstreamError(
        `The answer to ${url} is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; ask for fewer countries.`,
        url,
        response.status,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A saved answer's text as JSON; text that is not JSON rejects the import. */
export function parseJson(text: string, indicator: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportRejectedError(
      [
        {
          row: null,
          line: null,
          column: null,
          message: `The answer for ${indicator} is not JSON: ${(error as Error).message}.`,
        },
      ],
      'The GHO import',
    );
  }
}

/** What an import did with one indicator's answer. */
export interface GhoIndicatorReport {
  indicator: string;
  url: string;
  saved: boolean;
  sourceId: string;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: GhoSkipped[];
}

/**
 * Stores the values of GHO answers in one transaction: all of them, or (on any bad row or
 * unknown indicator) none, with every problem listed.
 */
export async function importGho(
  ctx: Context,
  responses: GhoResponse[],
  options: GhoImportOptions,
): Promise<GhoIndicatorReport[]> {
  const problems: ImportProblem[] = [];
  const read = responses.map((response) => {
    const rows = readGhoRows(response.body, response.indicator);
    const where = responses.length > 1 ? `In the answer for ${response.indicator}: ` : '';
    problems.push(...rows.problems.map((p) => ({ ...p, message: `${where}${p.message}` })));
    return { response, rows };
  });
  if (problems.length > 0) throw new ImportRejectedError(problems, 'The GHO import');

  return runWrite(ctx, async (scope) => {
    const codes = [...new Set(responses.map((r) => r.indicator))];
    const indicators = await scope.trx
      .selectFrom('indicator')
      .select(['code', 'name', 'unit'])
      .where(anyOf('code', codes, 'text'))
      .execute();
    const unknown = codes.filter((code) => !indicators.some((i) => i.code === code));
    if (unknown.length > 0) {
      throw new ImportRejectedError(
        unknown.map((code) => ({
          row: null,
          line: null,
          column: 'IndicatorCode',
          message: `The graph does not follow the indicator ${code}; the indicators query lists those it does.`,
        })),
        'The GHO import',
      );
    }
    const alpha3s = [...new Set(read.flatMap(({ rows }) => rows.facts.map((f) => f.alpha3)))];
    const countries = new Map(
      (
        await scope.trx
          .selectFrom('country')
          .select(['id', 'alpha3'])
          .where(anyOf('alpha3', alpha3s, 'text'))
          .execute()
      ).map((c) => [c.alpha3, c.id]),
    );
    const reports: GhoIndicatorReport[] = [];
    for (const { response, rows } of read) {
      const indicator = indicators.find((i) => i.code === response.indicator)!;
      const sourceId = await sourceFor(scope, response, indicator);
      const stored = rows.facts.filter((fact) => countries.has(fact.alpha3));
      const unknownCountries = rows.facts.filter((fact) => !countries.has(fact.alpha3));
      const skipped = [...rows.skipped];
      if (unknownCountries.length > 0) {
        skipped.push({
          reason: 'unknown_country',
          count: unknownCountries.length,
          examples: [...new Set(unknownCountries.map((f) => f.alpha3))].slice(0, 5),
        });
      }
      const counts = await storeFacts(scope, stored, countries, sourceId, options);
      reports.push({
        indicator: response.indicator,
        url: response.url,
        saved: response.saved,
        sourceId,
        rowCount: rows.rowCount,
        ...counts,
        skipped,
      });
    }
    return reports;
  });
}

/** The source citing the request: found again when the same request was imported before. */
async function sourceFor(
  { trx, audit }: WriteScope,
  response: GhoResponse,
  indicator: { code: string; name: string; unit: string },
): Promise<string> {
  const title = `${indicator.name} (${indicator.unit}): WHO Global Health Observatory, indicator ${indicator.code}`;
  const existing = await trx
    .selectFrom('source')
    .select('id')
    .where('url', '=', response.url)
    .where('title', '=', title)
    .where('kind', '=', 'statistical_database')
    .orderBy('created_at')
    .executeTakeFirst();
  if (existing) return existing.id;
  const source = await trx
    .insertInto('source')
    .values({
      title,
      publisher: 'World Health Organization',
      url: response.url,
      kind: 'statistical_database',
      note: `Values as the GHO OData API answers this request; bounds are WHO's uncertainty interval where given.`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: 'importGhoIndicators',
    recordType: 'source',
    recordId: source.id,
    before: null,
    after: source,
  });
  return source.id;
}
