import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL cluster of its own for tests and benchmarks: created in a temporary folder,
 * listening on 127.0.0.1 only, tuned for speed over durability, and removed on stop.
 */
export interface ThrowawayPostgres {
  /** A `postgres://` URL of the cluster's `postgres` database. */
  url: string;
  port: number;
  /** A URL for another database of the same cluster. */
  urlFor(database: string): string;
  /** The same over the cluster's Unix socket, which costs less per statement than TCP. */
  socketUrlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'mch';

/** The folder holding `initdb` and `postgres`, or undefined when no server is installed. */
export function findPostgresBin(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** PostgreSQL refuses to run as root; as root, the cluster runs as the `postgres` user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

export async function startThrowawayPostgres(
  options: { settings?: Record<string, string> } = {},
): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('No PostgreSQL server found (initdb and postgres are not installed).');
  const dir = mkdtempSync(join(tmpdir(), 'mch-pg-'));
  const dataDir = join(dir, 'data');
  if (process.getuid?.() === 0) {
    chmodSync(dir, 0o777);
  }
  const [initCommand, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    USER,
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  execFileSync(initCommand, initArgs, { stdio: 'pipe' });

  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    shared_buffers: '256MB',
    // A throwaway cluster keeps no WAL archive: minimal WAL and rare checkpoints make bulk
    // loads of synthetic data much cheaper.
    wal_level: 'minimal',
    max_wal_senders: '0',
    max_wal_size: '8GB',
    checkpoint_timeout: '30min',
    shared_preload_libraries: 'pg_stat_statements',
    ...options.settings,
  };
  const [serverCommand, serverArgs] = asServerUser(join(bin, 'postgres'), [
    '-D',
    dataDir,
    ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
  ]);
  const server: ChildProcess = spawn(serverCommand, serverArgs, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));

  const urlFor = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  await waitUntilReady(urlFor('postgres'), server);
  const postmasterPid = Number(
    readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  // Should this process end without calling stop() (a crash, a killed test run), the cluster
  // goes with it instead of running on unowned.
  const stopWithProcess = () => {
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stopWithProcess);

  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    socketUrlFor: (database) =>
      `postgres://${USER}@/${database}?host=${encodeURIComponent(dir)}&port=${port}`,
    async stop() {
      process.off('exit', stopWithProcess);
      if (server.exitCode === null) {
        // SIGINT is PostgreSQL's fast shutdown: it ends sessions and stops at once. It goes to
        // the postmaster itself, since `runuser` does not pass signals on.
        process.kill(postmasterPid, 'SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error('PostgreSQL exited during start-up.');
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
