import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedDatabase } from '../create-db.js';
import { BackupError, takeBackup, writeAtomically } from './backup.js';
import { serveWire } from './wire-server.js';

/** The socket `psql -h <folder>` looks for at PostgreSQL's default port. */
export const WIRE_SOCKET = '.s.PGSQL.5432';
/** The owner's own requests (a backup), as HTTP over a Unix socket. */
export const CONTROL_SOCKET = 'mch-control.sock';

/**
 * The folder of the owner's sockets: private to this OS user (mode 0700, checked), named after
 * DATA_DIR so each embedded database has its own, and short, since a Unix socket's path may not
 * pass about 100 bytes wherever DATA_DIR lies.
 */
export function socketDirFor(dataDir: string): string {
  const runtime = process.env.XDG_RUNTIME_DIR;
  const base = runtime && runtime.length < 60 ? runtime : tmpdir();
  const uid = process.getuid?.() ?? 0;
  const id = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 12);
  return join(base, `mch-${uid}-${id}`);
}

function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) {
    throw new Error(
      `${dir} must be a folder of this user's that no one else may open (mode 0700); remove it and start again.`,
    );
  }
}

export interface ServedDatabase {
  /** The folder of the sockets: `psql -h <socketDir> -U postgres` reaches the database. */
  socketDir: string;
  close(): Promise<void>;
}

/**
 * Serves the embedded database its owner holds to the tools of the same OS user: PostgreSQL's
 * wire protocol for SQL (`pnpm mch`, `psql`), and the owner's own requests (backups) on a second
 * socket. Reachable only through the private folder: no password, as PostgreSQL's `peer`
 * authentication on a local socket.
 */
export async function serveEmbedded(
  embedded: EmbeddedDatabase,
  options: { idleInTransactionMs?: number } = {},
): Promise<ServedDatabase> {
  const { ownership, session } = embedded;
  if (!ownership) throw new Error('Only a database kept in a folder can be served.');
  const socketDir = socketDirFor(ownership.dataDir);
  privateFolder(socketDir);
  // Sockets left by an owner that was killed: this process owns DATA_DIR now.
  rmSync(join(socketDir, WIRE_SOCKET), { force: true });
  rmSync(join(socketDir, CONTROL_SOCKET), { force: true });

  const wire = await serveWire(session, join(socketDir, WIRE_SOCKET), {
    idleInTransactionMs: options.idleInTransactionMs ?? 10_000,
    maxConnections: 64,
  });
  const control = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/backup') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('POST /backup is the one request.');
      return;
    }
    takeBackup(session, ownership.dataDir).then(
      ({ archive, manifest }) => {
        const rows = Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0);
        res.writeHead(200, {
          'content-type': 'application/gzip',
          'x-backup-taken-at': manifest.takenAt,
          'x-backup-tables': Object.keys(manifest.tables).length,
          'x-backup-rows': rows,
        });
        // A client that goes away stops the packing; the temporary copy goes with it.
        res.once('close', () => archive.destroy());
        archive.once('error', () => res.destroy());
        archive.pipe(res);
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    control.once('error', reject);
    control.listen(join(socketDir, CONTROL_SOCKET), () => resolve());
  });
  ownership.describe({ socketDir });
  return {
    socketDir,
    async close() {
      await new Promise<void>((resolve) => control.close(() => resolve()));
      await wire.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

export interface BackupWritten {
  bytes: number;
  takenAt: string;
  tables: number;
  rows: number;
}

/** Asks the owner serving `socketDir` for a backup, written to `file` as it arrives. */
export function requestBackup(socketDir: string, file: string): Promise<BackupWritten> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath: join(socketDir, CONTROL_SOCKET), path: '/backup', method: 'POST' },
      (res) => {
        if (res.statusCode !== 200) {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () =>
            reject(new BackupError(`The owner could not take a backup: ${text}`)),
          );
          return;
        }
        writeAtomically(file, res).then(
          (bytes) =>
            resolve({
              bytes,
              takenAt: String(res.headers['x-backup-taken-at']),
              tables: Number(res.headers['x-backup-tables']),
              rows: Number(res.headers['x-backup-rows']),
            }),
          reject,
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
