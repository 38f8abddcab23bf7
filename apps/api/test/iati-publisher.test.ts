import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { activitiesOf, list, type Node, validate } from './support/iati.js';

const run = promisify(execFile);
const mainScript = fileURLToPath(new URL('../dist/main.js', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mch-iati-publisher-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the publisher of the IATI export', () => {
  it('is no secondary reporter of an activity it is accountable for, and names it by its own identifier', async () => {
    const ministryApi = await startTestApi({
      env: {
        IATI_REPORTING_ORG_REF: 'UZ-GOV-MOH',
        IATI_REPORTING_ORG_NAME: 'Ministry of Health of Uzbekistan',
        IATI_REPORTING_ORG_TYPE: '10',
      },
    });
    try {
      const orgs = await ministryApi.data<{
        organisations: { nodes: Array<{ id: string; name: string; version: number }> };
      }>('{ organisations(filter: { kinds: [MINISTRY] }) { nodes { id name version } } }');
      const ministry = orgs.organisations.nodes[0]!;
      await ministryApi.data(
        `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { __typename } }`,
        {
          input: {
            id: ministry.id,
            expectedVersion: ministry.version,
            iatiIdentifier: 'UZ-GOV-MOH',
          },
        },
        { token: ministryApi.tokens.editor },
      );
      const text = await (await fetch(`${ministryApi.origin}/iati/activities.xml`)).text();
      const [uzbekistan, mozambique] = activitiesOf(text);
      expect(uzbekistan!['reporting-org']).toEqual({
        '@ref': 'UZ-GOV-MOH',
        '@type': '10',
        narrative: 'Ministry of Health of Uzbekistan',
      });
      expect(String(uzbekistan!['iati-identifier'])).toMatch(/^UZ-GOV-MOH-/);
      expect(list(uzbekistan!['participating-org'])[0]).toMatchObject({
        '@ref': 'UZ-GOV-MOH',
        '@type': '10',
        '@role': '2',
      });
      expect((mozambique!['reporting-org'] as Node)['@secondary-reporter']).toBe('1');
      await validate(text, 'activities-by-the-ministry');
    } finally {
      await ministryApi.stop();
    }
  });

  it('refuses the placeholder in production, naming the setting', async () => {
    const production = await startTestApi({ env: { NODE_ENV: 'production' } });
    try {
      const response = await fetch(`${production.origin}/iati/activities.xml`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        errors: [
          {
            message:
              "The IATI export is refused: IATI_REPORTING_ORG_REF is not set, and XM-MCH-GRAPH is a placeholder no publisher owns. Set IATI_REPORTING_ORG_REF to the publisher's IATI organisation identifier (such as XM-DAC-41114), with IATI_REPORTING_ORG_NAME and IATI_REPORTING_ORG_TYPE.",
            extensions: { code: 'IATI_PUBLISHER_NOT_CONFIGURED' },
          },
        ],
      });
    } finally {
      await production.stop();
    }
  });

  it('settings are checked at start-up, each error naming its setting', async () => {
    expect(() => loadConfig({ IATI_REPORTING_ORG_REF: 'XM DAC 41114' })).toThrow(
      new ConfigError(
        'IATI_REPORTING_ORG_REF must be an IATI organisation identifier: an org-id prefix and the identifier it gives, such as "XM-DAC-41114" or "GB-COH-123", without spaces or / & | ?; got "XM DAC 41114".',
      ),
    );
    expect(() => loadConfig({ IATI_REPORTING_ORG_REF: 'XM-DAC-41114/x' })).toThrow(
      /^IATI_REPORTING_ORG_REF must be/,
    );
    expect(() => loadConfig({ IATI_REPORTING_ORG_TYPE: '99' })).toThrow(
      new ConfigError(
        'IATI_REPORTING_ORG_TYPE must be an IATI OrganisationType code (10, 11, 15, 21, 22, 23, 24, 30, 40, 60, 70, 71, 72, 73, 80, 90), such as 10 for a government; got "99".',
      ),
    );
    expect(() => loadConfig({ IATI_REPORTING_ORG_NAME: 'Two\nlines' })).toThrow(
      /^IATI_REPORTING_ORG_NAME must be one line/,
    );
    expect(
      loadConfig({ IATI_REPORTING_ORG_REF: 'XM-DAC-41114', IATI_REPORTING_ORG_TYPE: '40' }).iati,
    ).toEqual({
      reportingOrg: { ref: 'XM-DAC-41114', name: 'MCH Cooperation Graph', type: '40' },
      placeholder: false,
    });
    // The server refuses to start on a bad setting, and says which.
    const started = await run(process.execPath, [mainScript], {
      env: { ...process.env, IATI_REPORTING_ORG_REF: 'XM DAC 41114', DATA_DIR: dir },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(started.code).toBe(1);
    expect(started.stderr.trim()).toBe(
      'Configuration error: IATI_REPORTING_ORG_REF must be an IATI organisation identifier: an org-id prefix and the identifier it gives, such as "XM-DAC-41114" or "GB-COH-123", without spaces or / & | ?; got "XM DAC 41114".',
    );
  });
});
