import type { ImportProblem } from '../../shared/import-errors.js';
import { textProblem } from '../../shared/text.js';

/**
 * A response of the WHO Global Health Observatory's OData API (`GET {base}/api/{code}`), read
 * row by row: `{"@odata.context": ..., "value": [{IndicatorCode, SpatialDimType, SpatialDim,
 * TimeDimType, TimeDim, Dim1Type, Dim1, ..., NumericValue, Low, High, Comments, Date}, ...]}`.
 * Rows the graph can hold become facts; rows it does not hold (regions, other breakdowns, rows
 * without a value) are counted by reason; a row that breaks the format is a problem, and one
 * problem anywhere rejects the whole response.
 */

export type ObservationSexValue = 'female' | 'male' | 'both';

/** One value of a GHO indicator for a country and a year, as the graph stores it. */
export interface GhoFact {
  /** The row's position in the response's `value` list, from 1. */
  row: number;
  indicator: string;
  /** ISO 3166-1 alpha-3, as GHO names countries. */
  alpha3: string;
  year: number;
  sex: ObservationSexValue | null;
  value: number;
  lowerBound: number | null;
  upperBound: number | null;
  comments: string | null;
  /** When WHO last changed the value, as ISO 8601. */
  changedAt: string | null;
  /** Names the fact across imports: indicator, place, year and breakdown. */
  key: string;
}

/** Why rows of a response were not stored. */
export type GhoSkipReason =
  | 'not_a_country'
  | 'unknown_country'
  | 'not_a_year'
  | 'other_breakdown'
  | 'no_value';

/** Rows left out for one reason: how many, and a few of what they were. */
export interface GhoSkipped {
  reason: GhoSkipReason;
  count: number;
  /** Up to five of the distinct places or breakdowns concerned, such as `REGION AFR`. */
  examples: string[];
}

export interface GhoRows {
  facts: GhoFact[];
  /** Every row of the response, stored or not. */
  rowCount: number;
  skipped: GhoSkipped[];
  problems: ImportProblem[];
}

const SEXES: Record<string, ObservationSexValue> = {
  SEX_BTSX: 'both',
  SEX_MLE: 'male',
  SEX_FMLE: 'female',
};

/** The largest value the graph stores, as for values entered by hand. */
const MAX_VALUE = 1e9;

type Row = Record<string, unknown>;

/** A value as a message shows it. */
const shown = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

function optionalString(row: Row, field: string, problems: string[]): string | null {
  const value = row[field];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    problems.push(`${field}: must be a string or null (got ${shown(value)})`);
    return null;
  }
  return value;
}

function requiredString(row: Row, field: string, problems: string[]): string | null {
  if (row[field] === null || row[field] === undefined) {
    problems.push(`${field}: is missing; every row of a GHO answer has one`);
    return null;
  }
  return optionalString(row, field, problems);
}

function optionalNumber(row: Row, field: string, problems: string[]): number | null {
  const value = row[field];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_VALUE) {
    problems.push(
      `${field}: must be a number from 0 to ${MAX_VALUE} or null (got ${shown(value)})`,
    );
    return null;
  }
  return value;
}

/** Reads every row of a response for `indicator`; problems are returned, not thrown. */
export function readGhoRows(body: unknown, indicator: string): GhoRows {
  const problems: ImportProblem[] = [];
  const whole = (message: string): GhoRows => ({
    facts: [],
    rowCount: 0,
    skipped: [],
    problems: [{ row: null, line: null, column: null, message }],
  });
  if (typeof body !== 'object' || body === null || !Array.isArray((body as Row).value)) {
    return whole(
      'The response is not a GHO OData answer: it needs a `value` list of rows, as `GET /api/<indicator>` returns.',
    );
  }
  const rows = (body as { value: unknown[] }).value;
  const facts: GhoFact[] = [];
  const skipped = new Map<GhoSkipReason, { count: number; examples: Set<string> }>();
  const skip = (reason: GhoSkipReason, example: string) => {
    const entry = skipped.get(reason) ?? { count: 0, examples: new Set<string>() };
    entry.count += 1;
    if (entry.examples.size < 5) entry.examples.add(example);
    skipped.set(reason, entry);
  };
  const seen = new Map<string, number>();

  rows.forEach((raw, index) => {
    const rowNumber = index + 1;
    const report = (column: string | null, message: string) =>
      problems.push({ row: rowNumber, line: null, column, message });
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      report(null, 'Each row must be an object of GHO fields.');
      return;
    }
    const row = raw as Row;
    const rowProblems: string[] = [];
    const code = optionalString(row, 'IndicatorCode', rowProblems);
    if (code !== indicator) {
      report(
        'IndicatorCode',
        `is ${shown(row.IndicatorCode ?? null)}, but the response was asked for ${indicator}.`,
      );
      return;
    }
    const spatialType = requiredString(row, 'SpatialDimType', rowProblems);
    const spatial = optionalString(row, 'SpatialDim', rowProblems);
    const timeType = requiredString(row, 'TimeDimType', rowProblems);
    const dim1Type = optionalString(row, 'Dim1Type', rowProblems);
    const dim1 = optionalString(row, 'Dim1', rowProblems);
    const dim2Type = optionalString(row, 'Dim2Type', rowProblems);
    const dim3Type = optionalString(row, 'Dim3Type', rowProblems);
    const value = optionalNumber(row, 'NumericValue', rowProblems);
    const low = optionalNumber(row, 'Low', rowProblems);
    const high = optionalNumber(row, 'High', rowProblems);
    const comments = optionalString(row, 'Comments', rowProblems);
    const date = optionalString(row, 'Date', rowProblems);
    for (const problem of rowProblems) {
      const [column, ...message] = problem.split(': ');
      report(column ?? null, message.join(': '));
    }
    if (rowProblems.length > 0) return;

    if (spatialType !== 'COUNTRY') {
      skip('not_a_country', `${spatialType ?? 'no place'} ${spatial ?? ''}`.trim());
      return;
    }
    if (!spatial || !/^[A-Z]{3}$/.test(spatial)) {
      report('SpatialDim', 'must be an ISO 3166-1 alpha-3 code, such as "MOZ", for a country.');
      return;
    }
    if (timeType !== 'YEAR') {
      skip('not_a_year', `${timeType ?? 'no time'} ${String(row.TimeDim ?? '')}`.trim());
      return;
    }
    const year = row.TimeDim;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2100) {
      report('TimeDim', `must be a year from 1900 to 2100 (got ${shown(year)}).`);
      return;
    }
    let sex: ObservationSexValue | null = null;
    if (dim1Type === 'SEX') {
      const known = dim1 ? SEXES[dim1] : undefined;
      if (!known) {
        report('Dim1', `must be SEX_BTSX, SEX_MLE or SEX_FMLE (got ${shown(dim1)}).`);
        return;
      }
      sex = known;
    }
    if ((dim1Type !== null && dim1Type !== 'SEX') || dim2Type !== null || dim3Type !== null) {
      skip('other_breakdown', [dim1Type, dim2Type, dim3Type].filter(Boolean).join(', '));
      return;
    }
    if (value === null) {
      skip('no_value', `${spatial} ${year}`);
      return;
    }
    if (low !== null && low > value) {
      report('Low', `${low} is above the value ${value}; a lower bound must not be.`);
      return;
    }
    if (high !== null && high < value) {
      report('High', `${high} is below the value ${value}; an upper bound must not be.`);
      return;
    }
    if (comments !== null && comments.trim() !== '') {
      const problem = textProblem(comments, 4000, { multiline: true });
      if (problem) {
        report('Comments', problem);
        return;
      }
    }
    let changedAt: string | null = null;
    if (date !== null) {
      const time = Date.parse(date);
      if (Number.isNaN(time)) {
        report('Date', `must be a date and time in ISO 8601 (got ${shown(date)}).`);
        return;
      }
      changedAt = new Date(time).toISOString();
    }
    const key = `GHO/${indicator}/${spatial}/${year}/${dim1 ?? '-'}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report(null, `gives the same value as row ${earlier} (${key}); a response holds each once.`);
      return;
    }
    seen.set(key, rowNumber);
    facts.push({
      row: rowNumber,
      indicator,
      alpha3: spatial,
      year,
      sex,
      value,
      lowerBound: low,
      upperBound: high,
      comments: comments?.trim() || null,
      changedAt,
      key,
    });
  });

  return {
    facts,
    rowCount: rows.length,
    skipped: [...skipped].map(([reason, { count, examples }]) => ({
      reason,
      count,
      examples: [...examples],
    })),
    problems,
  };
}
