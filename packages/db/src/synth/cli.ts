import { parseArgs } from 'node:util';
import { createDb } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { loadSynthetic } from './load.js';

/**
 * `pnpm synth [--events 100000] [--seed 1] [--reset] [--database-url URL | --data-dir DIR]`:
 * fills a database with synthetic cooperation data for benchmarks.
 */
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    reset: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string', default: '.data/synth' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Usage: pnpm synth [--events N] [--seed S] [--reset] [--database-url URL | --data-dir DIR]

Fills a database with deterministic synthetic cooperation data, for benchmarks.

  --events N          training events to make (default 100000; at most 10000000)
  --seed S            the seed of the generator: the same seed makes the same data (default 1)
  --reset             empty the database's tables first
  --database-url URL  a PostgreSQL database (default: the embedded one in --data-dir)
  --data-dir DIR      where the embedded database keeps its files (default .data/synth)
  --help              show this help`);
  process.exit(0);
}

const events = Number(values.events);
const seed = Number(values.seed);
if (!Number.isInteger(events) || events < 1 || events > 10_000_000) {
  console.error('--events must be a whole number from 1 to 10000000.');
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error('--seed must be a whole number.');
  process.exit(2);
}

const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
const handle = await createDb({
  databaseUrl,
  dataDir: databaseUrl ? undefined : values['data-dir'],
  owner: 'pnpm synth',
});
try {
  const started = performance.now();
  await migrateToLatest(handle.db);
  const report = await loadSynthetic(
    handle,
    { events, seed },
    { reset: values.reset, log: console.log },
  );
  console.log(
    `${events} events and ${Object.values(report.rows).reduce((a, b) => a + b, 0)} rows in all, loaded into ${
      handle.kind === 'postgres' ? 'PostgreSQL' : values['data-dir']
    } in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
