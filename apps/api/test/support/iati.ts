import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { iatiOrganisationIdentifier, iatiOrganisationTypeCodes } from '@mch/db';
import { expect } from 'vitest';
import { convert } from 'xmlbuilder2';

/** What the IATI tests share: the official schema, reading an activities file, IATI's rules. */

const run = promisify(execFile);

// The official IATI 2.03 schemas are a fixture of the workplace, beside the repository. In CI the
// validation is required; on a clone without them it is reported as not run.
const schema = fileURLToPath(
  new URL('../../../../../shared/iati-2.03/iati-activities-schema.xsd', import.meta.url),
);
const xmllint = ['/usr/bin/xmllint', '/usr/local/bin/xmllint'].find((path) => existsSync(path));
export const canValidate = existsSync(schema) && xmllint !== undefined;
if (process.env.CI === 'true' && !canValidate) {
  throw new Error(
    `The IATI schema validation is required in CI: ${schema} and xmllint must exist.`,
  );
}

/**
 * Validates an activities file against the official schema. Only where the schema is at hand:
 * the test of the seed's file runs only then, and says it did not run otherwise.
 */
export async function validate(text: string, name: string): Promise<void> {
  if (!canValidate) return;
  const dir = mkdtempSync(join(tmpdir(), 'mch-iati-'));
  try {
    const file = join(dir, `${name}.xml`);
    writeFileSync(file, text);
    const { stderr } = await run(xmllint!, ['--noout', '--schema', schema, file]);
    expect(stderr.trim()).toBe(`${file} validates`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Node = Record<string, unknown>;
export const list = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Node[];
export const activitiesOf = (xml: string) =>
  list(
    (convert(xml, { format: 'object' }) as { 'iati-activities': Node })['iati-activities'][
      'iati-activity'
    ],
  );
export const narrativeOf = (node: unknown) => (node as { narrative: string }).narrative;

const ORGANISATION_TYPES = new Set(iatiOrganisationTypeCodes as readonly string[]);

/** The rules of IATI 2.03 and of this export that the schema cannot check, on one activity. */
export function checkRules(activity: Node, now: string) {
  expect(
    list(activity['activity-date']).some((date) => ['1', '2'].includes(String(date['@type']))),
  ).toBe(true);
  expect(String(activity['iati-identifier'])).not.toMatch(/[/&|?\s]/);
  const reporting = activity['reporting-org'] as Node;
  expect(String(activity['iati-identifier']).startsWith(`${reporting['@ref']}-`)).toBe(true);
  expect(String(activity['@last-updated-datetime']) <= now).toBe(true);
  // Every organisation element has an IATI OrganisationType, and an org-id where it has a ref.
  const organisations = [
    reporting,
    ...list(activity['participating-org']),
    ...list(activity.transaction).flatMap((t) => [
      ...list(t['provider-org']),
      ...list(t['receiver-org']),
    ]),
  ];
  for (const organisation of organisations) {
    expect(ORGANISATION_TYPES.has(String(organisation['@type']))).toBe(true);
    if (organisation['@ref'] !== undefined) {
      expect(String(organisation['@ref'])).toMatch(iatiOrganisationIdentifier.pattern);
    }
  }
  const byVocabulary = new Map<string, number>();
  for (const sector of list(activity.sector)) {
    const vocabulary = String(sector['@vocabulary']);
    byVocabulary.set(
      vocabulary,
      (byVocabulary.get(vocabulary) ?? 0) + Number(sector['@percentage']),
    );
  }
  for (const total of byVocabulary.values()) expect(total).toBeCloseTo(100, 6);
  const countries = list(activity['recipient-country']).reduce(
    (total, country) => total + Number(country['@percentage']),
    0,
  );
  if (countries > 0) expect(countries).toBeCloseTo(100, 6);
  // No empty indicator: each has a period holding a target or an actual, and a real title.
  for (const result of list(activity.result)) {
    for (const indicator of list(result.indicator)) {
      expect(narrativeOf(indicator.title)).not.toBe('Other');
      const periods = list(indicator.period);
      expect(periods.length).toBeGreaterThan(0);
      for (const period of periods) {
        expect(period.target !== undefined || period.actual !== undefined).toBe(true);
      }
    }
  }
  // Each location is a subdivision of a recipient country, named under vocabulary A4.
  const recipients = list(activity['recipient-country']).map((country) => country['@code']);
  for (const location of list(activity.location)) {
    const administrative = location.administrative as Node;
    expect(administrative['@vocabulary']).toBe('A4');
    expect(String(location['@ref']).slice(0, 2)).toBe(administrative['@code']);
    expect(recipients).toContain(administrative['@code']);
    // The graph knows no coordinates of subdivisions: no point is made up.
    expect(location.point).toBeUndefined();
  }
  // Pledges are pledges (12), deliveries disbursements (3); never a commitment (2).
  for (const transaction of list(activity.transaction)) {
    expect(['3', '12']).toContain((transaction['transaction-type'] as Node)['@code']);
  }
}
