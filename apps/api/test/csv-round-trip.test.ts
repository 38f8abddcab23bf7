import { csvHeaders, csvKind } from '@mch/domain';
import { startTestApi, type TestApi } from '@mch/test-api';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A list exported as CSV, opened in a spreadsheet, and sent back: what was not edited is left
// as it was (same versions, same bytes on the next export), and what was edited is updated.

// The donations' columns, as their kind declares them (packages/domain/src/donations).
const donations = csvKind('donations')!;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const exported = async (list: string) => {
  const response = await fetch(`${api.origin}/export/${list}.csv`, {
    headers: { authorization: `Bearer ${api.tokens.editor}` },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
};

const upload = (kind: string, body: Buffer | string, contentType = 'text/csv') =>
  fetch(`${api.origin}/import/${kind}.csv`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${api.tokens.editor}` },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

const rowsOf = (bytes: Buffer) =>
  parse(bytes.toString('utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;

/** The version of every record of a table, by id. */
async function versions(table: 'training_event' | 'donation') {
  const rows = await api.database.db
    .selectFrom(table)
    .select(['id', 'version'])
    .orderBy('id')
    .execute();
  return rows.map((row) => [row.id, Number(row.version)]);
}

describe('an exported list imported again', () => {
  it('changes no training event: every row unchanged, no version bumped, the next export the same bytes', async () => {
    const before = await versions('training_event');
    const file = await exported('trainingEvents');
    const rows = rowsOf(file);
    expect(rows.length).toBe(before.length);
    // The seed's events were recorded through the API: they have no externalKey, only an id.
    expect(rows.filter((row) => row.externalKey === '').length).toBeGreaterThan(0);
    expect(rows.some((row) => row.topics!.includes(';'))).toBe(true);

    const response = await upload('trainingEvents', file);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      kind: 'TRAINING_EVENTS',
      rowCount: before.length,
      created: 0,
      updated: 0,
      unchanged: before.length,
      ignoredColumns: ['durationHours', 'originalLanguage', 'createdAt', 'updatedAt', 'version'],
    });
    expect(await versions('training_event')).toEqual(before);
    expect((await exported('trainingEvents')).equals(file)).toBe(true);
  });

  it('updates the one event whose row was edited, found by its id, and leaves the others alone', async () => {
    const file = await exported('trainingEvents');
    const [header, ...rows] = parse(file.toString('utf8'), { bom: true }) as string[][];
    const col = (name: string) => header!.indexOf(name);
    const edited = rows.findIndex((row) => row[col('externalKey')] === '');
    const row = rows[edited]!;
    row[col('participantCount')] = '77';
    row[col('topics')] = 'midwifery';
    const response = await upload('trainingEvents', stringify([header!, ...rows]));
    expect(await response.json()).toMatchObject({
      rowCount: rows.length,
      created: 0,
      updated: 1,
      unchanged: rows.length - 1,
    });
    const event = await api.data<{
      node: { participantCount: number; version: number; topics: { nodes: unknown[] } };
    }>(
      `query($id: ID!) { node(id: $id) { ... on TrainingEvent {
        participantCount version topics(first: 10) { nodes { code } } } } }`,
      { id: row[col('id')] },
    );
    expect(event.node).toEqual({
      participantCount: 77,
      version: Number(row[col('version')]) + 1,
      topics: { nodes: [{ code: 'midwifery' }] },
    });
  });

  it('changes no donation: one row per item, every item kept, the next export the same bytes', async () => {
    const before = await versions('donation');
    const items = await api.database.db
      .selectFrom('donation_item')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const file = await exported('donations');
    const rows = rowsOf(file);
    expect(rows.length).toBe(Number(items.n));
    expect(new Set(rows.map((row) => row.id)).size).toBe(before.length);
    // The columns the kind declares, in its order: one row per item, the donation's repeated.
    expect(Object.keys(rows[0]!)).toEqual(csvHeaders(donations));
    const response = await upload('donations', file);
    expect(await response.json()).toEqual({
      kind: 'DONATIONS',
      rowCount: rows.length,
      created: 0,
      updated: 0,
      unchanged: before.length,
      ignoredColumns: donations.export.ignored.map((column) => column.header),
    });
    expect(await versions('donation')).toEqual(before);
    expect((await exported('donations')).equals(file)).toBe(true);
  });

  it('updates a donation whose item was edited, and records a new one from a row without id or key', async () => {
    const file = await exported('donations');
    const [header, ...rows] = parse(file.toString('utf8'), { bom: true }) as string[][];
    const col = (name: string) => header!.indexOf(name);
    const row = rows.find((r) => r[col('quantity')] !== '')!;
    row[col('quantity')] = String(Number(row[col('quantity')]) + 1);
    const fresh = [...row];
    fresh[col('id')] = '';
    fresh[col('title')] = 'Another delivery, entered in the spreadsheet';
    const response = await upload('donations', stringify([header!, ...rows, fresh]));
    expect(await response.json()).toMatchObject({
      rowCount: rows.length + 1,
      created: 1,
      updated: 1,
      unchanged: new Set(rows.map((r) => r[col('id')])).size - 1,
    });
    const donation = await api.data<{
      node: { version: number; items: { nodes: Array<{ quantity: number | null }> } };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Donation {
        version items(first: 100) { nodes { quantity } } } } }`,
      { id: row[col('id')] },
    );
    expect(donation.node.version).toBe(Number(row[col('version')]) + 1);
    expect(donation.node.items.nodes.map((item) => item.quantity)).toContain(
      Number(row[col('quantity')]),
    );
  });

  it('refuses an id of another kind of record, or of none, saying which row', async () => {
    const header = 'id,title,format,country';
    const response = await upload(
      'trainingEvents',
      [
        header,
        `${Buffer.from('Donation:00000000-0000-4000-8000-000000000000').toString('base64')},A,HYBRID,UZ`,
        `${Buffer.from('TrainingEvent:00000000-0000-4000-8000-000000000000').toString('base64')},B,HYBRID,UZ`,
      ].join('\n'),
    );
    expect(response.status).toBe(422);
    expect((await response.json()).problems).toEqual([
      {
        row: 1,
        line: 2,
        column: 'id',
        message: 'must be the ID of a TrainingEvent; this one names a Donation.',
      },
      {
        row: 2,
        line: 3,
        column: 'id',
        message:
          'names no training event (it may have been deleted); clear the id to record the row anew.',
      },
    ]);
  });
});
