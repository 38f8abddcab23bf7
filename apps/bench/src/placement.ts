import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import type pg from 'pg';
import { processStat } from './measure.js';

/**
 * `pnpm bench --split-cpus`: PostgreSQL and the load generator are held on the first CPU, the
 * API and the floor server on the others. On a machine the API shares with PostgreSQL, each
 * statement it sends wakes a PostgreSQL process on the CPU the API runs on, which then waits
 * (the table's main thread columns show how long). Held apart, the API has a CPU of its own, as
 * it has where PostgreSQL runs on another machine. The floor's cost is PostgreSQL's, so held on
 * one CPU it loses half its rate there: compare the API's figures with a normal run's, not with
 * this run's floor.
 */
export interface CpuSplit {
  /** CPUs of PostgreSQL and the load generator, as `taskset` lists them. */
  shared: string;
  /** CPUs of the servers measured. */
  servers: string;
  /** The placement in words, for the report. */
  description: string;
}

export function splitCpus(): CpuSplit {
  const count = cpus().length;
  if (count < 2) throw new Error('--split-cpus needs a machine with at least two CPUs.');
  const servers = count === 2 ? '1' : `1-${count - 1}`;
  return {
    shared: '0',
    servers,
    description: `PostgreSQL and the load generator held on CPU 0, the API and the floor on CPU ${servers}`,
  };
}

/** Holds a process, every thread of it, on these CPUs (`taskset`, from util-linux). */
export function holdOn(pid: number, cpuList: string): void {
  const result = spawnSync(
    'taskset',
    ['--all-tasks', '--pid', '--cpu-list', cpuList, String(pid)],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `taskset could not hold process ${pid} on CPU ${cpuList}: ${result.stderr || result.error?.message}`,
    );
  }
}

/** A process's parent, from /proc; undefined once it has ended. */
function parentOf(pid: number): number | undefined {
  const parent = processStat(pid)?.fields[1];
  return parent === undefined ? undefined : Number(parent);
}

/**
 * Holds the PostgreSQL server behind `client` on these CPUs: its first process and every
 * process it has started. Those it starts later inherit the hold.
 */
export async function holdPostgresOn(client: pg.Client, cpuList: string): Promise<void> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  const server = parentOf(rows[0]!.pid);
  if (server === undefined) {
    throw new Error('--split-cpus needs PostgreSQL on this machine: its processes are not here.');
  }
  holdOn(server, cpuList);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || parentOf(Number(entry)) !== server) continue;
    try {
      holdOn(Number(entry), cpuList);
    } catch {
      // The process ended meanwhile.
    }
  }
}
