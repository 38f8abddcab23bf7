import type { RowWriter } from './copy-writer.js';
import type { IdKind } from './ids.js';
import type { Random, Zipf } from './random.js';

/** Opens a writer for one table's rows. */
export type OpenWriter = (table: string, columns: string[]) => Promise<RowWriter>;

/** The counts of each kind of record to make; everything scales with the number of events. */
export interface SynthCounts {
  subdivisions: number;
  sources: number;
  topics: number;
  organisations: number;
  people: number;
  agreements: number;
  programmes: number;
  events: number;
  donations: number;
}

/**
 * What the generated reference records leave for the records that point at them: keys, and
 * the skewed choices (a few countries, organisations and people take most of the activity).
 */
export interface World {
  counts: SynthCounts;
  random: Random;
  id: (kind: IdKind, n: number) => string;
  countryId: (code: string) => string;
  /** The active countries, busiest first. */
  active: string[];
  countryZipf: Zipf;
  countryName: Map<string, string>;
  placeIn: (country: string) => { id: string; name: string } | undefined;
  topicIds: string[];
  topicZipf: Zipf;
  organisationIn: (country: string) => number | undefined;
  organisationZipf: Zipf;
  personZipf: Zipf;
  personOrganisation: number[];
  programmeZipf: Zipf;
  programmeCountry: string[];
}

export const DAY = 86_400_000;
export const FIRST_DAY = Date.UTC(2015, 0, 1);
export const LAST_DAY = Date.UTC(2026, 11, 31);
export const TODAY = Date.UTC(2026, 10, 23);
const dates = new Map<number, string>();
/** `YYYY-MM-DD` of a UTC midnight; the few thousand days are formatted once each. */
export const isoDate = (time: number) => {
  let date = dates.get(time);
  if (date === undefined) {
    date = new Date(time).toISOString().slice(0, 10);
    dates.set(time, date);
  }
  return date;
};
