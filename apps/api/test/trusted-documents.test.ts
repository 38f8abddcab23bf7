import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClient,
  EventsInSubdivisionDocument,
  GraphQLRequestError,
  RecordDonationDocument,
} from '@mch/client';
import { startTestApi, type TestApi } from '@mch/test-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Documents sent by their ID, by POST and GET, and an API that runs only trusted documents.

const idOf = (document: object) => (document as { __meta__: { hash: string } }).__meta__.hash;
const EVENTS = idOf(EventsInSubdivisionDocument);
const VARIABLES = { subdivision: 'UZ-QA', from: '2024-01-01', to: '2024-12-31' };

let open: TestApi;
let trusted: TestApi;
let dir: string;
const TEAM_DOCUMENT = '{ countries(first: 2) { nodes { code } } }';
const TEAM_ID = `sha256:${createHash('sha256').update(TEAM_DOCUMENT).digest('hex')}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mch-trusted-'));
  const teamFile = join(dir, 'dashboard-documents.json');
  writeFileSync(teamFile, JSON.stringify({ [TEAM_ID]: TEAM_DOCUMENT }));
  open = await startTestApi();
  trusted = await startTestApi({ trustedDocumentsOnly: true, trustedDocumentFiles: [teamFile] });
});
afterAll(async () => {
  await open.stop();
  await trusted.stop();
  rmSync(dir, { recursive: true, force: true });
});

const post = (api: TestApi, body: unknown, token?: string) =>
  fetch(api.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });

const get = (api: TestApi, params: Record<string, string>) =>
  fetch(`${api.url}?${new URLSearchParams(params)}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });

describe('documents sent by ID', () => {
  it('answer a POST by documentId as they answer the text', async () => {
    const byText = await (
      await post(open, { query: EventsInSubdivisionDocument.toString(), variables: VARIABLES })
    ).json();
    const response = await post(open, { documentId: EVENTS, variables: VARIABLES });
    expect(response.status).toBe(200);
    const byId = await response.json();
    expect(byId).toEqual(byText);
    expect(byId.data.trainingEvents.nodes).toHaveLength(1);
  });

  it('answer a GET by documentId with headers a CDN can cache by', async () => {
    const response = await get(open, { documentId: EVENTS, variables: JSON.stringify(VARIABLES) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await response.json()).data.trainingEvents.nodes[0].title).toBe(
      'Seminar in Karshi on obstetrics and reducing maternal mortality',
    );
  });

  it('refuse a mutation by GET with 405, an unknown ID and a malformed one with 400', async () => {
    const mutation = await get(open, {
      documentId: idOf(RecordDonationDocument),
      variables: '{}',
    });
    expect(mutation.status).toBe(405);

    const unknown = await post(open, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');

    const malformed = await post(open, { documentId: 'md5:abc' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      errors: [
        {
          message: '`documentId` must be `sha256:` and the 64 hex digits of the document’s hash.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });
});

describe('an API that runs only trusted documents', () => {
  it('runs the typed client’s documents by ID and refuses ad-hoc text with a code', async () => {
    const client = createClient({ url: trusted.url, documentIds: true });
    const data = await client.request(EventsInSubdivisionDocument, VARIABLES);
    expect(data.trainingEvents.nodes.map((event) => event.title)).toEqual([
      'Seminar in Karshi on obstetrics and reducing maternal mortality',
    ]);

    const adHoc = await post(trusted, { query: '{ countries(first: 1) { nodes { code } } }' });
    expect(adHoc.status).toBe(400);
    expect(await adHoc.json()).toEqual({
      errors: [
        {
          message:
            'This API runs only trusted documents: send `documentId` (sha256 of a registered document) instead of `query`.',
          extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED' },
        },
      ],
    });
    const textClient = createClient({ url: trusted.url });
    const refused = await textClient
      .request(EventsInSubdivisionDocument, VARIABLES)
      .catch((e) => e);
    expect(refused).toBeInstanceOf(GraphQLRequestError);
    expect((refused as GraphQLRequestError).code).toBe('PERSISTED_DOCUMENT_REQUIRED');
  });

  it('lets an admin token send text, and not an editor’s', async () => {
    const query = '{ countries(first: 1) { nodes { code } } }';
    const admin = await post(trusted, { query }, trusted.tokens.admin);
    expect(await admin.json()).toEqual({ data: { countries: { nodes: [{ code: 'AD' }] } } });
    const editor = await post(trusted, { query }, trusted.tokens.editor);
    expect((await editor.json()).errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
  });

  it('runs the documents a frontend team registered in a file of its own', async () => {
    const response = await post(trusted, { documentId: TEAM_ID });
    expect(await response.json()).toEqual({
      data: { countries: { nodes: [{ code: 'AD' }, { code: 'AE' }] } },
    });
  });
});
