import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built server and the built `mch` tool run as users run them: child processes with an
 * environment of their own, on an embedded database in a temporary folder.
 */

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const MCH_CLI = fileURLToPath(new URL('../../dist/cli/mch.js', import.meta.url));

export function requireBuilt(): void {
  for (const file of [MAIN, MCH_CLI]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: build the API first (\`pnpm test\` builds it).`);
    }
  }
}

/** An environment for the children: the embedded database in `dataDir`, on a free port. */
export function embeddedEnv(
  dataDir: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DATA_DIR: _dir, PORT: _port, ...inherited } = process.env;
  return {
    ...inherited,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    RATE_LIMIT_POINTS: '0',
    DATA_DIR: dataDir,
    ...extra,
  };
}

/** A temporary folder, removed by the returned function. */
export function temporaryFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `mch-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ApiProcess {
  child: ChildProcess;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  logs: string[];
  exited: Promise<number | null>;
  /** Sends the signal and waits for the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built server and resolves once it says it is ready. */
export function startApi(env: NodeJS.ProcessEnv): Promise<ApiProcess> {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (signal) logs.push(`(ended by ${signal})`);
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        logs.push(line);
        const url = /ready at (http:\/\/[^/\s]+)\/graphql"/.exec(line)?.[1];
        if (url) {
          resolve({
            child,
            pid: child.pid!,
            origin: url,
            logs,
            exited,
            stop: async (signal = 'SIGTERM') => {
              if (child.exitCode === null && child.signalCode === null) child.kill(signal);
              return exited;
            },
          });
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => logs.push(chunk));
    void exited.then((code) =>
      reject(new Error(`The server exited with ${code} before it was ready:\n${logs.join('\n')}`)),
    );
  });
}

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a built program to its end. */
export function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `pnpm mch ...` as a user types it, on the environment's database. */
export function mch(args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  return run(MCH_CLI, args, env);
}

/** One GraphQL request over HTTP; answers the parsed body. */
export async function graphql<T = Record<string, unknown>>(
  origin: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}

/**
 * A database the built API seeded once, copied for each test that needs one: a copy starts in
 * half the time of a first start, and no test sees another's writes.
 */
export async function seededCopies(
  prefix: string,
): Promise<{ copy: () => string; folder: string; remove: () => void }> {
  requireBuilt();
  const { dir, remove } = temporaryFolder(prefix);
  const template = join(dir, 'template');
  const seeding = await startApi(embeddedEnv(template));
  const code = await seeding.stop('SIGTERM');
  if (code !== 0)
    throw new Error(`The seeding API exited with ${code}:\n${seeding.logs.join('\n')}`);
  let copies = 0;
  return {
    folder: dir,
    copy: () => {
      copies += 1;
      const dataDir = join(dir, `copy-${copies}`);
      cpSync(template, dataDir, { recursive: true });
      return dataDir;
    },
    remove,
  };
}
