import type { Database } from '@mch/db';
import type { Kysely } from 'kysely';
import { builder } from '../../builder.js';
import { type FieldError, mutationErrors, rejectIfInvalid } from '../../shared/errors.js';
import { ImportRejectedError, UpstreamError } from '../../shared/import-errors.js';
import { anyOf } from '../../shared/sql.js';
import { Source } from '../../sources/source.js';
import { Indicator, indicatorCode, ObservationMethod } from '../indicator.js';
import {
  fetchGho,
  type GhoIndicatorReport,
  type GhoResponse,
  ghoRequestUrl,
  importGho,
} from './import.js';
import type { GhoSkipped } from './response.js';

/** `importGhoIndicators`: an admin asks the graph to fetch and store GHO indicator values. */

/** The most indicators one import asks for. */
const MAX_INDICATORS = 20;

const GhoSkipReason = builder.enumType('GhoSkipReason', {
  description: 'Why rows of a GHO answer were not stored.',
  values: {
    NOT_A_COUNTRY: {
      value: 'not_a_country',
      description: 'The row is for a region, an income group or the world, not a country.',
    },
    UNKNOWN_COUNTRY: {
      value: 'unknown_country',
      description: 'The row is for a country code the graph does not hold.',
    },
    NOT_A_YEAR: {
      value: 'not_a_year',
      description: 'The row is for a time other than one calendar year.',
    },
    OTHER_BREAKDOWN: {
      value: 'other_breakdown',
      description:
        'The row is broken down by something other than sex (age, residence, wealth), which the graph does not record.',
    },
    NO_VALUE: { value: 'no_value', description: 'The row carries no numeric value.' },
  } as const,
});

const GhoSkippedRows = builder.objectRef<GhoSkipped>('GhoSkippedRows').implement({
  description: 'Rows of a GHO answer left out for one reason.',
  fields: (t) => ({
    reason: t.expose('reason', { type: GhoSkipReason, description: 'Why they were left out.' }),
    count: t.exposeInt('count', { description: 'How many rows.' }),
    examples: t.exposeStringList('examples', {
      description: 'Up to five of the places or breakdowns concerned, such as `REGION AFR`.',
    }),
  }),
});

const GhoIndicatorImport = builder.objectRef<GhoIndicatorReport>('GhoIndicatorImport').implement({
  description: 'What an import did with the answer for one indicator.',
  fields: (t) => ({
    indicator: t.field({
      type: Indicator,
      description: 'The indicator.',
      resolve: (report) => report.indicator,
    }),
    request: t.exposeString('url', {
      description: 'The exact request to the GHO API, as the source of the values cites it.',
    }),
    source: t.field({
      type: Source,
      description: 'The source the stored values cite: the request above.',
      resolve: (report) => report.sourceId,
    }),
    rowCount: t.exposeInt('rowCount', { description: 'Every row of the answer.' }),
    created: t.exposeInt('created', {
      description: 'Values of observations the graph held no WHO value for, stored now.',
    }),
    updated: t.exposeInt('updated', {
      description:
        'Values the graph held from WHO (an earlier import, the seed) that the answer changes; each left an audit entry.',
    }),
    unchanged: t.exposeInt('unchanged', {
      description: 'Values the graph already held from WHO as the answer gives them.',
    }),
    skipped: t.field({
      type: [GhoSkippedRows],
      description: 'Rows not stored, counted by reason; none is dropped without a count.',
      resolve: (report) => report.skipped,
    }),
  }),
});

const ImportGhoInput = builder.inputType('ImportGhoIndicatorsInput', {
  description: 'Which GHO indicators to import, and for which countries.',
  fields: (t) => ({
    indicators: t.stringList({
      required: true,
      description: `GHO indicator codes the graph follows, such as \`MDG_0000000026\` (1 to ${MAX_INDICATORS}).`,
    }),
    countries: t.stringList({
      description: 'ISO 3166-1 alpha-2 codes; every place GHO has when left out.',
    }),
    method: t.field({
      type: ObservationMethod,
      defaultValue: 'modelled_estimate',
      description:
        'How WHO produced the values: its comparable estimates (the default) or national reports it compiled.',
    }),
  }),
});

const ImportGhoPayload = builder
  .objectRef<{ indicators: GhoIndicatorReport[] }>('ImportGhoIndicatorsPayload')
  .implement({
    description: 'What the import stored, indicator by indicator.',
    fields: (t) => ({
      indicators: t.field({
        type: [GhoIndicatorImport],
        description: 'One report per indicator, in the order asked.',
        resolve: (payload) => payload.indicators,
      }),
    }),
  });

builder.mutationField('importGhoIndicators', (t) =>
  t.field({
    type: ImportGhoPayload,
    description:
      'Fetches indicator values from the WHO Global Health Observatory and stores them with their bounds, sex and the request as their source, in one transaction. The graph holds one WHO value per observation (indicator, place, year, sex, method): a value it already holds from WHO is updated, with an audit entry, or left unchanged; never stored twice.',
    authScopes: { admin: true },
    errors: { types: [...mutationErrors, ImportRejectedError, UpstreamError] },
    args: {
      input: t.arg({
        type: ImportGhoInput,
        required: true,
        description: 'What to import; see its fields.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      const { codes, countries } = await checkInput(ctx.db, input);
      const alpha3s = countries.map((country) => country.alpha3);
      const responses: GhoResponse[] = [];
      for (const code of codes) {
        responses.push(await fetchGho(ghoRequestUrl(ctx.ghoBaseUrl, code, alpha3s), code));
      }
      const indicators = await importGho(ctx, responses, {
        method: input.method ?? 'modelled_estimate',
      });
      for (const report of indicators) Source.getDataloader(ctx).clear(report.sourceId);
      return { indicators };
    },
  }),
);

/** The indicator codes and countries asked for, each checked; every mistake at once. */
async function checkInput(
  db: Kysely<Database>,
  input: { indicators: string[]; countries?: string[] | null },
): Promise<{ codes: string[]; countries: Array<{ code: string; alpha3: string }> }> {
  const errors: FieldError[] = [];
  const codes = [...new Set(input.indicators.map((code) => code.trim()))];
  codes.forEach((code, index) => {
    if (!indicatorCode.pattern.test(code)) {
      errors.push({
        path: ['input', 'indicators', String(index)],
        message: `"${code}" is not ${indicatorCode.hint}.`,
      });
    }
  });
  if (codes.length === 0 || codes.length > MAX_INDICATORS) {
    errors.push({
      path: ['input', 'indicators'],
      message: `Give from 1 to ${MAX_INDICATORS} indicator codes (got ${codes.length}).`,
    });
  }
  const asked = (input.countries ?? []).map((code) => code.trim().toUpperCase());
  const known = await alpha3Of(db, asked);
  asked.forEach((code, index) => {
    if (!known.some((country) => country.code === code)) {
      errors.push({
        path: ['input', 'countries', String(index)],
        message: `The graph holds no country "${code}"; give ISO 3166-1 alpha-2 codes such as "MZ".`,
      });
    }
  });
  rejectIfInvalid(errors);
  return { codes, countries: known };
}

/** The countries of these ISO 3166-1 alpha-2 codes that the graph holds, with the alpha-3 codes GHO names them by. */
export async function alpha3Of(
  db: Kysely<Database>,
  codes: string[],
): Promise<Array<{ code: string; alpha3: string }>> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('country')
    .select(['code', 'alpha3'])
    .where(anyOf('code', codes, 'text'))
    .execute();
}
