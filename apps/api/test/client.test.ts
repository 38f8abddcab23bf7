import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  AgreementsOfCountryDocument,
  createClient,
  DonationsToCountryDocument,
  EventsInSubdivisionDocument,
  GraphQLRequestError,
  IndicatorSeriesDocument,
  ProgrammeDocument,
  ProgrammesDocument,
  playgroundTabs,
  RecordDonationDocument,
  RecordTrainingOutcomeDocument,
  ScheduleTrainingEventDocument,
  TransportError,
} from '@mch/client';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncEventsFile } from '../../../packages/client/examples/sync-events.js';

let api: TestApi;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  api = await startTestApi();
  client = createClient({ url: api.url });
});
afterAll(() => api.stop());

describe('every operation of the typed client, against the running API', () => {
  it('EventsInSubdivision: the Karshi seminar in UZ-QA in 2024', async () => {
    const data = await client.request(EventsInSubdivisionDocument, {
      subdivision: 'UZ-QA',
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(data.trainingEvents.totalCount).toBe(1);
    expect(data.trainingEvents.nodes[0]).toMatchObject({
      title: 'Seminar in Karshi on obstetrics and reducing maternal mortality',
      participantCount: 30,
      format: 'IN_PERSON',
      presenters: {
        nodes: [{ role: 'EXPERT', organisation: { country: { code: 'BY' } } }],
      },
    });
  });

  it('Programmes and Programme: the series of the Maputo teleconferences, with both sessions', async () => {
    const list = await client.request(ProgrammesDocument);
    expect(list.programmes.totalCount).toBe(2);
    const covid = list.programmes.nodes.find((p) => p.title.startsWith('COVID-19'))!;
    const data = await client.request(ProgrammeDocument, { id: covid.id });
    expect(data.node).toMatchObject({
      title: 'COVID-19 training series by Chinese doctors for Mozambican peers',
      status: 'IMPLEMENTATION',
      trainingEvents: {
        totalCount: 2,
        nodes: [
          { startDate: '2020-04-24', status: 'COMPLETED', participantCount: null },
          { startDate: '2020-05-21', status: 'COMPLETED', participantCount: 23 },
        ],
      },
    });
  });

  it('DonationsToCountry: masks, test kits and protective clothing for Mozambique', async () => {
    const data = await client.request(DonationsToCountryDocument, { country: 'MZ' });
    expect(
      data.donations.nodes[0]?.items.nodes.map((item) => [item.category, item.quantity]),
    ).toEqual([
      ['MASKS', 1300000],
      ['TEST_KITS', 40000],
      ['PROTECTIVE_CLOTHING', 20000],
      ['OTHER', null],
    ]);
    expect(data.donations.nodes[0]?.sources.nodes[0]?.publisher).toBe('Xinhua');
  });

  it('IndicatorSeries: the maternal mortality ratio of Mozambique', async () => {
    const data = await client.request(IndicatorSeriesDocument, {
      country: 'MZ',
      indicator: 'MDG_0000000026',
    });
    expect(
      data.country?.indicatorObservations.nodes.map((v) => [
        v.year,
        v.value,
        v.lowerBound,
        v.upperBound,
      ]),
    ).toEqual([
      [2000, 525, null, null],
      [2023, 82, 60, 113],
    ]);
  });

  it('AgreementsOfCountry: Uzbekistan and Belarus, over 110 areas', async () => {
    const data = await client.request(AgreementsOfCountryDocument, { country: 'UZ' });
    expect(data.agreements.nodes[0]).toMatchObject({
      declaredAreaCount: 110,
      declaredAreaCountQualifier: 'MORE_THAN',
      signingEvent: { locality: 'Karshi' },
    });
  });

  it('every playground tab is an operation the API answers without errors', async () => {
    for (const tab of playgroundTabs) {
      const result = await api.query(tab.query, JSON.parse(tab.variables));
      expect(result.errors).toBeUndefined();
    }
  });
});

describe('writing through the typed client', () => {
  it('schedules an event, records its outcome, and reports what to fix as typed errors', async () => {
    const editor = createClient({ url: api.url, token: api.tokens.editor });
    const scheduled = await editor.request(ScheduleTrainingEventDocument, {
      input: {
        title: 'Seminar on neonatal resuscitation',
        format: 'IN_PERSON',
        country: 'UZ',
        subdivision: 'UZ-QA',
        startDate: '2026-12-10',
        idempotencyKey: 'client-test-seminar',
      },
    });
    if (scheduled.scheduleTrainingEvent.__typename !== 'TrainingEventPayload') {
      throw new Error(`Not scheduled: ${JSON.stringify(scheduled)}`);
    }
    const { trainingEvent, replayed } = scheduled.scheduleTrainingEvent;
    expect([trainingEvent.title, trainingEvent.status, trainingEvent.version, replayed]).toEqual([
      'Seminar on neonatal resuscitation',
      'PLANNED',
      1,
      false,
    ]);

    const held = await editor.request(RecordTrainingOutcomeDocument, {
      input: { id: trainingEvent.id, expectedVersion: 1, participantCount: 45 },
    });
    expect(held.recordTrainingOutcome).toEqual({
      __typename: 'TrainingEventPayload',
      trainingEvent: {
        id: trainingEvent.id,
        status: 'COMPLETED',
        participantCount: 45,
        version: 2,
      },
    });

    const stale = await editor.request(RecordTrainingOutcomeDocument, {
      input: { id: trainingEvent.id, expectedVersion: 1, participantCount: 50 },
    });
    expect(stale.recordTrainingOutcome).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      currentVersion: 2,
    });

    const wrong = await editor.request(RecordDonationDocument, {
      input: {
        title: 'Masks',
        status: 'DELIVERED',
        deliveredOn: '2026-02-03',
        donorCountry: 'CN',
        recipientCountry: 'XX',
        items: [{ category: 'MASKS', description: 'Masks', quantity: 0, unit: 'PIECE' }],
      },
    });
    if (wrong.recordDonation.__typename !== 'ValidationError')
      throw new Error('Expected a ValidationError');
    expect(wrong.recordDonation.fieldErrors.map((e) => e.path.join('.'))).toEqual([
      'input.recipientCountry',
      'input.items.0.quantity',
    ]);
  });

  it('needs a token: anonymous writes fail with UNAUTHENTICATED', async () => {
    const error = await client
      .request(RecordTrainingOutcomeDocument, {
        input: { id: 'x', expectedVersion: 1, participantCount: 1 },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).code).toBe('UNAUTHENTICATED');
  });
});

describe('errors through the typed client', () => {
  it('become GraphQLRequestError carrying the API code and the argument', async () => {
    const error = await client
      .request(EventsInSubdivisionDocument, { subdivision: 'Qashqadaryo' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    const requestError = error as GraphQLRequestError;
    expect(requestError.code).toBe('BAD_USER_INPUT');
    expect(requestError.has('BAD_USER_INPUT')).toBe(true);
    expect(requestError.errors[0]).toEqual({
      message:
        '`filter.subdivisions` must be an ISO 3166-2 code such as "UZ-QA"; got "Qashqadaryo".',
      code: 'BAD_USER_INPUT',
      path: ['trainingEvents'],
      extensions: { argument: 'filter.subdivisions' },
    });
    expect(requestError.data).toBeNull();
  });

  it('become TransportError when the API cannot be reached', async () => {
    const offline = createClient({ url: 'http://127.0.0.1:9/graphql' });
    await expect(offline.request(ProgrammesDocument)).rejects.toBeInstanceOf(TransportError);
  });
});

describe('the example integrator script', () => {
  it('prints its report from the running API', async () => {
    const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../packages/client');
    const tsx = createRequire(resolve(clientDir, 'package.json')).resolve('tsx/cli');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [tsx, 'examples/report.ts', '--url', api.url],
      { cwd: clientDir },
    );
    expect(stdout).toBe(
      [
        `MCH Cooperation Graph report from ${api.url}`,
        '',
        'Training in Qashqadaryo (UZ-QA), 2024: 1 event(s), 30 specialists trained',
        '  2024-02-01  Seminar in Karshi on obstetrics and reducing maternal mortality',
        '    host: Republican Specialized Scientific and Practical Medical Center for Maternal and Child Health; experts from: Republican Scientific and Practical Center "Mother and Child"',
        '',
        'Donations to Mozambique: 1',
        "  China: China's medical donations to Mozambique for the COVID-19 response, as of 21 May 2020",
        '    Medical masks: more than 1,300,000 pieces',
        '    Testing kits: nearly 40,000 sets',
        '    Protective clothing: 20,000 sets',
        '    Other medical supplies: unspecified',
        '    source: Xinhua, 2020-05-22',
        '',
        'Maternal mortality ratio, Uzbekistan (per 100 000 live births):',
        '  2000: 42  [UN MMEIG, April 2025]',
        '  2023: 26 (18-40)  [UN MMEIG, April 2025]',
        '  2023 January–September: 14.1  [Government of Uzbekistan]',
        '',
      ].join('\n'),
    );
  });
});

describe('the examples as pnpm runs them', () => {
  const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../packages/client');
  const tsx = createRequire(resolve(clientDir, 'package.json')).resolve('tsx/cli');
  const example = (script: string, args: string[], env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [tsx, `examples/${script}`, ...args], {
      cwd: clientDir,
      env: { ...process.env, MCH_API_URL: '', ...env },
    });

  it('reach the API on PORT when no address is given', async () => {
    const port = new URL(api.url).port;
    const { stdout } = await example('report.ts', [], { PORT: port });
    expect(stdout.split('\n')[0]).toBe(
      `MCH Cooperation Graph report from http://localhost:${port}/graphql`,
    );
  });

  it('write the copy where the command was typed, not into the client package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mch-typed-here-'));
    try {
      const { stdout } = await example(
        'sync-events.ts',
        ['--url', api.url, '--file', 'copy.json'],
        {
          INIT_CWD: dir,
        },
      );
      // Other tests of this file may have scheduled and changed events on the same API: the
      // counts are read from the copy and the feed.
      const copy = JSON.parse(readFileSync(join(dir, 'copy.json'), 'utf8'));
      const count = Object.keys(copy.events).length;
      expect(count).toBeGreaterThanOrEqual(7);
      const changes = Number(/; (\d+) changes applied/.exec(stdout)?.[1]);
      expect(changes).toBeGreaterThanOrEqual(count);
      expect(stdout).toBe(
        `${join(dir, 'copy.json')}: ${count} events; ${changes} changes applied since the last sync.\n`,
      );
      expect(existsSync(join(clientDir, 'copy.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('keeping a local copy in step with the change feed', () => {
  it('copies every event, then applies exactly the changes made since its saved cursor', async () => {
    const own = await startTestApi();
    const dir = mkdtempSync(join(tmpdir(), 'mch-sync-'));
    try {
      const ownClient = createClient({ url: own.url });
      const editor = createClient({ url: own.url, token: own.tokens.editor });
      const file = join(dir, 'events.json');
      const first = await syncEventsFile(ownClient, file);
      const seed = await ownClient.request(ProgrammesDocument);
      expect(seed.programmes.nodes.length).toBeGreaterThan(0);
      // The seed's seven events, each created once.
      expect(Object.keys(first.copy.events)).toHaveLength(7);
      expect(first.changes).toBe(7);

      const scheduled = await editor.request(ScheduleTrainingEventDocument, {
        input: { title: 'Seminar in Termez on neonatal care', format: 'IN_PERSON', country: 'UZ' },
      });
      if (scheduled.scheduleTrainingEvent.__typename !== 'TrainingEventPayload') {
        throw new Error(`Not scheduled: ${JSON.stringify(scheduled)}`);
      }
      const id = scheduled.scheduleTrainingEvent.trainingEvent.id;

      // The feed shows the change once the server's older transactions (of other test
      // databases too) have ended: sync again until it has come.
      let second = await syncEventsFile(ownClient, file);
      let applied = second.changes;
      for (const deadline = Date.now() + 20_000; applied === 0 && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        second = await syncEventsFile(ownClient, file);
        applied += second.changes;
      }
      expect(applied).toBe(1);
      expect(Object.keys(second.copy.events)).toHaveLength(8);
      expect(second.copy.events[id]).toEqual({
        id,
        title: 'Seminar in Termez on neonatal care',
        status: 'PLANNED',
        startDate: null,
        participantCount: null,
        country: { code: 'UZ' },
      });
      // What the file holds is what the sync returned; a third sync finds nothing new.
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(second.copy);
      expect((await syncEventsFile(ownClient, file)).changes).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await own.stop();
    }
  });
});
