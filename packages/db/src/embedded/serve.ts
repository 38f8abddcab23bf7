import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedDatabase } from '../create-db.js';
import { BackupError, type Snapshot, snapshotDataDir } from './backup.js';
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
    const url = new URL(req.url ?? '/', 'http://owner');
    const pid = Number(url.searchParams.get('pid'));
    if (req.method !== 'POST' || url.pathname !== '/snapshot' || !Number.isInteger(pid)) {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('POST /snapshot?pid=<the process that packs it> is the one request.');
      return;
    }
    snapshotDataDir(session, ownership.dataDir, pid).then(
      (snapshot) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(snapshot)),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
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

/**
 * Asks the owner serving `socketDir` for a consistent copy of its data folder: the one step of
 * a backup that must happen in the owner. The caller packs the copy (`packSnapshot`).
 */
export function requestSnapshot(socketDir: string): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath: join(socketDir, CONTROL_SOCKET),
        path: `/snapshot?pid=${process.pid}`,
        method: 'POST',
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode === 200) resolve(JSON.parse(text) as Snapshot);
          else reject(new BackupError(`The owner could not copy the database: ${text}`));
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
