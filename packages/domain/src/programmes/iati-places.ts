import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { narrative } from './iati-narratives.js';

/** Shares that add up to exactly 100, with two decimals. */
export function percentages(count: number): string[] {
  if (count === 0) return [];
  const share = Math.floor(10_000 / count) / 100;
  const shares = Array.from({ length: count }, () => share);
  shares[count - 1] = Math.round((100 - share * (count - 1)) * 100) / 100;
  return shares.map((value) => value.toFixed(2));
}

export interface Place {
  country: string;
  subdivision: string | null;
  name: string | null;
  /** A subdivision inside another (ISO 3166-2's second level). */
  second_level: boolean;
  /** An event was held there (else it is only a target subdivision). */
  held_there: boolean;
}

/** The countries of the programme's places, in equal shares. */
export function writeRecipientCountries(activity: XMLBuilder, places: readonly Place[]): void {
  const countries = [...new Set(places.map((place) => place.country))];
  const shares = percentages(countries.length);
  countries.forEach((code, i) => {
    activity.ele('recipient-country', { code, percentage: shares[i]! });
  });
}

/**
 * One `location` per subdivision. IATI's GeographicVocabulary has no ISO 3166-2: the
 * subdivision's ISO 3166-2 code is the location's own reference (`@ref`) and its description,
 * and `administrative` gives the country it lies in under A4 (ISO 3166-1 alpha-2) at level 0.
 * The graph records no coordinates of subdivisions, so no `point` is written.
 */
export function writeLocations(activity: XMLBuilder, places: readonly Place[]): void {
  for (const place of places) {
    if (!place.subdivision) continue;
    const location = activity.ele('location', { ref: place.subdivision });
    // LocationReach: 1, the activity happens there; 2, its intended beneficiaries are there.
    location.ele('location-reach', { code: place.held_there ? '1' : '2' });
    narrative(location.ele('name'), place.name ?? place.subdivision);
    narrative(location.ele('description'), `ISO 3166-2 ${place.subdivision}`);
    location.ele('administrative', { vocabulary: 'A4', level: '0', code: place.country });
    // LocationClass 1 (administrative region); GeoNames feature code of its level.
    location.ele('location-class', { code: '1' });
    location.ele('feature-designation', { code: place.second_level ? 'ADM2' : 'ADM1' });
  }
}
