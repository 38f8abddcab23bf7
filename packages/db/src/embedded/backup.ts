import { randomBytes } from 'node:crypto';
import {
  closeSync,
  createWriteStream,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { claimDataDir, OWNER_FILE } from './owner.js';
import type { EmbeddedSession } from './session.js';

/**
 * Backups of the embedded database: a copy of its data directory (a gzipped tar, as PGlite's
 * `dumpDataDir` writes it; `tar tzf` lists it), taken while no transaction is open and after a
 * checkpoint, so it opens as it was without recovery. Inside it, `mch-backup.json` says when it
 * was taken and gives every table's row count and digest at that moment; a restore checks the
 * restored database against them before it puts it in place.
 */
export const MANIFEST_FILE = 'mch-backup.json';

export interface TableDigest {
  rows: number;
  /** A digest of the table's rows, whatever their order. */
  digest: string;
}

export interface BackupManifest {
  takenAt: string;
  /** PostgreSQL's version inside PGlite: a backup opens with the same major version. */
  serverVersion: string;
  tables: Record<string, TableDigest>;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

interface Queryable {
  query<T>(sql: string): Promise<{ rows: T[] }>;
}

/** Every table's row count and an order-free digest of its rows (the sum of their hashes). */
export async function tableDigests(db: Queryable): Promise<Record<string, TableDigest>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname COLLATE "C"`,
  );
  const digests: Record<string, TableDigest> = {};
  for (const { name } of tables) {
    const ident = `"${name.replaceAll('"', '""')}"`;
    const { rows } = await db.query<{ rows: number; digest: string }>(
      `SELECT count(*)::int AS rows,
              coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0)::text AS digest
         FROM ${ident} t`,
    );
    digests[name] = { rows: rows[0]!.rows, digest: rows[0]!.digest };
  }
  return digests;
}

/**
 * Takes a backup of the database the session belongs to: waits for the session to be idle,
 * checkpoints, writes the manifest beside the data, and copies the directory, all in one turn,
 * so no write lands half in it. Writes wait meanwhile (measured in the README).
 */
export async function takeBackup(
  session: EmbeddedSession,
  dataDir: string,
): Promise<{ archive: Blob; manifest: BackupManifest }> {
  const release = await session.acquire('local');
  const { pglite } = session;
  const manifestPath = join(dataDir, MANIFEST_FILE);
  try {
    await pglite.exec('CHECKPOINT');
    const { rows } = await pglite.query<{ server_version: string }>('SHOW server_version');
    const manifest: BackupManifest = {
      takenAt: new Date().toISOString(),
      serverVersion: rows[0]!.server_version,
      tables: await tableDigests(pglite),
    };
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const archive = await pglite.dumpDataDir('gzip');
    return { archive, manifest };
  } finally {
    rmSync(manifestPath, { force: true });
    release();
  }
}

/** Takes a backup of the database this process owns and writes it to `file`. */
export async function writeBackupFile(
  session: EmbeddedSession,
  dataDir: string,
  file: string,
): Promise<{ bytes: number; manifest: BackupManifest }> {
  const { archive, manifest } = await takeBackup(session, dataDir);
  return { bytes: await writeAtomically(file, archiveStream(archive)), manifest };
}

/**
 * Writes a stream to `file` through a temporary name in the same folder, flushed and renamed at
 * the end: a crash or an error on the way leaves the previous file as it was.
 */
export async function writeAtomically(
  file: string,
  source: NodeJS.ReadableStream | Readable,
): Promise<number> {
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await pipeline(source, createWriteStream(temporary, { mode: 0o600 }));
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return statSync(file).size;
}

export function archiveStream(archive: Blob): Readable {
  return Readable.fromWeb(archive.stream() as Parameters<typeof Readable.fromWeb>[0]);
}

function sameDigests(expected: BackupManifest['tables'], found: BackupManifest['tables']) {
  const names = new Set([...Object.keys(expected), ...Object.keys(found)]);
  return [...names].filter(
    (name) =>
      expected[name]?.rows !== found[name]?.rows || expected[name]?.digest !== found[name]?.digest,
  );
}

export interface RestoreReport {
  manifest: BackupManifest;
  replaced: boolean;
}

/**
 * Restores a backup into DATA_DIR. Refused while a process owns DATA_DIR, and on a directory
 * that already holds a database unless `force`. The backup is opened in a folder beside
 * DATA_DIR and checked against its manifest first; only then are the files moved in, so a bad or
 * truncated backup leaves DATA_DIR as it was.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  options: { force: boolean; command: string },
): Promise<RestoreReport> {
  const ownership = claimDataDir(dataDir, options.command);
  const staging = join(dirname(dataDir), `.${basename(dataDir)}.restoring-${process.pid}`);
  try {
    const present = readdirSync(dataDir).filter((name) => name !== OWNER_FILE);
    if (present.length > 0 && !options.force) {
      throw new BackupError(
        `${dataDir} already holds a database (${present.length} files). Restore into an empty DATA_DIR, or add --force to replace it.`,
      );
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new BackupError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    rmSync(staging, { recursive: true, force: true });
    let restored: PGlite;
    try {
      restored = await PGlite.create({
        dataDir: staging,
        loadDataDir: new Blob([new Uint8Array(bytes)], { type: 'application/x-gzip' }),
      });
    } catch (error) {
      throw new BackupError(
        `${file} is not a backup of the embedded database (${(error as Error).message}).`,
      );
    }
    let manifest: BackupManifest;
    try {
      const manifestPath = join(staging, MANIFEST_FILE);
      if (!existsSync(manifestPath)) {
        throw new BackupError(
          `${file} has no ${MANIFEST_FILE}: it was not made by \`mch backup\`.`,
        );
      }
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
      const differing = sameDigests(manifest.tables, await tableDigests(restored));
      if (differing.length > 0) {
        throw new BackupError(
          `${file} does not restore to what it recorded: tables ${differing.join(', ')} differ. Nothing was changed.`,
        );
      }
    } finally {
      await restored.close();
    }
    rmSync(join(staging, MANIFEST_FILE), { force: true });
    rmSync(join(staging, OWNER_FILE), { force: true });
    // Put it in place. With --force the old files go first: the verified backup is at hand
    // should this be interrupted, and running the restore again finishes it.
    for (const name of present) rmSync(join(dataDir, name), { recursive: true, force: true });
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dataDir, name));
    return { manifest, replaced: present.length > 0 };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    ownership.release();
  }
}
