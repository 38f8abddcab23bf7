import { randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdirSync,
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
import * as tar from 'tar';
import { claimDataDir, OWNER_FILE } from './owner.js';
import type { EmbeddedSession } from './session.js';

/**
 * Backups of the embedded database: a gzipped tar of its data folder (`tar tzf` lists it),
 * copied while no transaction is open, right after a checkpoint, so it opens as it was without
 * recovery. Only the copy holds the session, in the owner. The process that asked for the
 * backup then opens the copy on its own to record every table's row count and digest in
 * `mch-backup.json` (the archive's first entry), packs and compresses it, while the API goes on.
 * A restore checks the restored database against that record before it puts it in place.
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

/** A write-ahead log segment's file name: timeline, log and segment, 24 hex digits. */
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Copies the data folder while this turn holds the session. After a checkpoint every page is in
 * its file, so the copy needs the log only from the checkpoint's segment to the one being
 * written: the other segments are old ones kept, under later names, for reuse, and make up most
 * of the folder. The owner's lock file stays behind.
 */
function copyDataDir(dataDir: string, snapshot: string, wal: { first: string; last: string }) {
  const walDir = join(dataDir, 'pg_wal');
  cpSync(dataDir, snapshot, {
    recursive: true,
    filter: (source) => {
      if (source === join(dataDir, OWNER_FILE)) return false;
      const name = basename(source);
      if (dirname(source) !== walDir || !WAL_SEGMENT.test(name)) return true;
      return name >= wal.first && name <= wal.last;
    },
  });
}

const SNAPSHOT = /^\.(.+)\.backup-(\d+)-[0-9a-f]+$/;

/** Copies left beside DATA_DIR by a backup whose process was killed before it removed them. */
function removeAbandonedSnapshots(dataDir: string): void {
  const parent = dirname(dataDir);
  for (const name of readdirSync(parent)) {
    const match = SNAPSHOT.exec(name);
    if (!match || match[1] !== basename(dataDir)) continue;
    let alive = true;
    try {
      process.kill(Number(match[2]), 0);
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

export interface Snapshot {
  /** A consistent copy of the data folder, beside it, for `packSnapshot`. */
  folder: string;
  takenAt: string;
}

/**
 * The one part of a backup that holds the session: waits for it to be idle, checkpoints and
 * copies the data folder. `forPid` is the process that will pack the copy and remove it.
 */
export async function snapshotDataDir(
  session: EmbeddedSession,
  dataDir: string,
  forPid: number,
): Promise<Snapshot> {
  removeAbandonedSnapshots(dataDir);
  const folder = join(
    dirname(dataDir),
    `.${basename(dataDir)}.backup-${forPid}-${randomBytes(4).toString('hex')}`,
  );
  const release = await session.acquire('local');
  try {
    const { pglite } = session;
    await pglite.exec('CHECKPOINT');
    const { rows } = await pglite.query<{ first: string; last: string }>(
      `SELECT redo_wal_file AS first, pg_walfile_name(pg_current_wal_insert_lsn()) AS last
         FROM pg_control_checkpoint()`,
    );
    const takenAt = new Date().toISOString();
    copyDataDir(dataDir, folder, rows[0]!);
    return { folder, takenAt };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  } finally {
    release();
  }
}

export interface Backup {
  manifest: BackupManifest;
  /** The archive, gzipped, as it is packed. */
  archive: Readable;
}

/**
 * Opens the copy on its own to record every table's row count and digest, and packs it with
 * that record first. The copy is removed once the archive has been read to its end or failed.
 */
export async function packSnapshot({ folder, takenAt }: Snapshot): Promise<Backup> {
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    const copy = await PGlite.create({ dataDir: folder });
    let manifest: BackupManifest;
    try {
      const { rows } = await copy.query<{ server_version: string }>('SHOW server_version');
      manifest = {
        takenAt,
        serverVersion: rows[0]!.server_version,
        tables: await tableDigests(copy),
      };
    } finally {
      await copy.close();
    }
    writeFileSync(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const entries = [MANIFEST_FILE, ...readdirSync(folder).filter((n) => n !== MANIFEST_FILE)];
    const archive = Readable.from(tar.c({ gzip: true, cwd: folder, portable: true }, entries));
    archive.once('close', remove);
    return { manifest, archive };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Writes a backup of a snapshot to `file` (see `writeAtomically`). */
export async function writeBackupFile(
  snapshot: Snapshot,
  file: string,
): Promise<{ bytes: number; manifest: BackupManifest }> {
  const { archive, manifest } = await packSnapshot(snapshot);
  return { bytes: await writeAtomically(file, archive), manifest };
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
  // Opened here, not in the stream's background, so that the file exists before anything can
  // fail, and nothing creates it again once it is removed.
  const out = createWriteStream('', { fd: openSync(temporary, 'wx', 0o600) });
  try {
    await pipeline(source, out);
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    out.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
  return statSync(file).size;
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
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { mode: 0o700 });
    try {
      await tar.x({ file, cwd: staging, strict: true });
    } catch (error) {
      throw new BackupError(
        `${file} is not a backup of the embedded database (${(error as Error).message}).`,
      );
    }
    if (!existsSync(join(staging, MANIFEST_FILE)) || !existsSync(join(staging, 'PG_VERSION'))) {
      throw new BackupError(
        `${file} is not a backup of the embedded database: it holds no ${MANIFEST_FILE} and no PG_VERSION.`,
      );
    }
    let restored: PGlite;
    try {
      restored = await PGlite.create({ dataDir: staging });
    } catch (error) {
      throw new BackupError(`${file} does not open (${(error as Error).message}).`);
    }
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(readFileSync(join(staging, MANIFEST_FILE), 'utf8')) as BackupManifest;
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
