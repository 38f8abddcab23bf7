import { createDb } from '@mch/db';
import { startTestApi, type TestApi } from '@mch/test-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/** The statements the connection (the pool's only one) holds prepared, by name and text. */
async function prepared(options: { preparedStatements: boolean }) {
  const handle = await createDb({
    databaseUrl: inject('postgresUrl'),
    maxConnections: 1,
    preparedStatements: options.preparedStatements,
  });
  try {
    const query = (code: string) => sql<{ code: string }>`select ${code}::text as code`;
    const first = await query('UZ').execute(handle.db);
    const second = await query('MZ').execute(handle.db);
    await sql`begin`.execute(handle.db);
    await sql`rollback`.execute(handle.db);
    const listing = sql<{ name: string; statement: string; plans: string }>`
      select name, statement, generic_plans || ' generic, ' || custom_plans || ' custom' as plans
      from pg_prepared_statements order by statement`;
    const { rows } = await listing.execute(handle.db);
    return {
      answers: [...first.rows, ...second.rows],
      rows,
      text: query('').compile(handle.db).sql,
      listing: listing.compile(handle.db).sql,
    };
  } finally {
    await handle.close();
  }
}

describe('statements sent as prepared statements', () => {
  it('prepares each query once per connection and runs it again by name', async () => {
    const { answers, rows, text, listing } = await prepared({ preparedStatements: true });
    expect(answers).toEqual([{ code: 'UZ' }, { code: 'MZ' }]);
    // One statement for both runs, named after its text, and the query without parameters that
    // lists them; transaction control is not kept. The query without parameters runs from its
    // one generic plan; the other is planned for its values, as PostgreSQL does for a
    // statement's first five runs.
    expect(rows).toEqual([
      {
        name: expect.stringMatching(/^mch_[\w-]{27}$/),
        statement: listing,
        plans: '1 generic, 0 custom',
      },
      {
        name: expect.stringMatching(/^mch_[\w-]{27}$/),
        statement: text,
        plans: '0 generic, 2 custom',
      },
    ]);
  });

  it('prepares nothing when turned off (DATABASE_PREPARED_STATEMENTS=false)', async () => {
    const { answers, rows } = await prepared({ preparedStatements: false });
    expect(answers).toEqual([{ code: 'UZ' }, { code: 'MZ' }]);
    expect(rows).toEqual([]);
  });
});

describe('bytes from PostgreSQL at /metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const received = async () => {
    const text = await (await fetch(`${api.origin}/metrics`)).text();
    return Number(/^mch_database_received_bytes_total (\d+)$/m.exec(text)?.[1]);
  };

  it('counts what the rows of an answer cost to receive', async () => {
    const before = await received();
    const data = await api.data<{ trainingEvents: { nodes: Array<{ title: string }> } }>(
      '{ trainingEvents(first: 7) { nodes { title } } }',
    );
    const after = await received();
    expect(data.trainingEvents.nodes).toHaveLength(7);
    // Every title came from PostgreSQL, with the row framing and the other columns around it.
    const titles = data.trainingEvents.nodes.reduce(
      (sum, node) => sum + Buffer.byteLength(node.title),
      0,
    );
    expect(after - before).toBeGreaterThan(titles);
  });
});
