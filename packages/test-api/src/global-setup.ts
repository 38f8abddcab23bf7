import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, loadSeed, migrateToLatest } from '@mch/db';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@mch/db/throwaway-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { TEMPLATE_DATABASE } from './provided.js';

/**
 * Prepares one seeded database per run, which every test file copies: a PGlite data dump, or
 * a PostgreSQL template database. Each file then works on its own copy.
 */
export default async function setup(project: TestProject) {
  const database = project.config.provide.database;
  if (database === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'mch-pglite-'));
    const handle = await createDb();
    await migrateToLatest(handle.db);
    await loadSeed(handle.db);
    const dump = await handle.pglite!.dumpDataDir('none');
    const path = join(dir, 'seeded.tar');
    writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
    await handle.close();
    project.provide('pgliteDump', path);
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const cluster: ThrowawayPostgres | undefined = process.env.DATABASE_URL
    ? undefined
    : await startThrowawayPostgres();
  const serverUrl = process.env.DATABASE_URL ?? cluster!.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  const template = new URL(serverUrl);
  template.pathname = `/${TEMPLATE_DATABASE}`;
  const handle = await createDb({ databaseUrl: template.toString() });
  await migrateToLatest(handle.db);
  await loadSeed(handle.db);
  await handle.close();
  project.provide('postgresUrl', serverUrl);
  return async () => {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.end();
    await cluster?.stop();
  };
}
