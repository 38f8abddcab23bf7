// @ts-check
// Backups with pgBackRest (Debian's package): a repository in a local folder, full and
// incremental backups taken from whichever server leads, every server archiving its write-ahead
// log there while it leads, and a restore to a point in time into a fresh server.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, sleep, waitFor } from './cluster-parts.mjs';

/**
 * @typedef {import('./cluster-parts.mjs').Cluster} Cluster
 * @typedef {{ label: string, type: string, start: string, stop: string }} Backup
 */

const STANZA = 'mch';

/** @param {Cluster} cluster */
const configFile = (cluster) => join(cluster.dir, 'pgbackrest', 'pgbackrest.conf');

/**
 * The `archive_command` of one server: its own data folder is the one pgBackRest reads.
 * @param {Cluster} cluster
 * @param {import('./cluster-parts.mjs').PostgresNode} node
 */
export function archiveCommand(cluster, node) {
  return `pgbackrest --config=${configFile(cluster)} --stanza=${STANZA} --pg1-path=${node.data} archive-push %p`;
}

/**
 * Writes pgBackRest's configuration: the repository, and the three servers it may back up.
 * @param {Cluster} cluster
 */
export function writeBackupConfig(cluster) {
  const dir = join(cluster.dir, 'pgbackrest');
  mkdirSync(join(dir, 'log'), { recursive: true });
  mkdirSync(join(dir, 'lock'), { recursive: true });
  mkdirSync(cluster.backup.repo, { recursive: true });
  const servers = cluster.nodes.flatMap((node, i) => [
    `pg${i + 1}-path=${node.data}`,
    `pg${i + 1}-port=${node.port}`,
    `pg${i + 1}-socket-path=${cluster.pgDir}`,
    `pg${i + 1}-user=mch`,
  ]);
  writeFileSync(
    configFile(cluster),
    [
      '[global]',
      `repo1-path=${cluster.backup.repo}`,
      // Two full backups and the incremental ones between them are kept, with their log.
      'repo1-retention-full=2',
      `log-path=${join(dir, 'log')}`,
      `lock-path=${join(dir, 'lock')}`,
      'log-level-console=warn',
      'log-level-file=info',
      'start-fast=y',
      'compress-type=lz4',
      '',
      `[${STANZA}]`,
      ...servers,
      '',
    ].join('\n'),
  );
  if (process.getuid?.() === 0) run('chown', ['-R', 'postgres', dir, cluster.backup.repo]);
}

/**
 * @param {Cluster} cluster
 * @param {string[]} args
 */
const pgbackrest = (cluster, args) =>
  run('pgbackrest', [`--config=${configFile(cluster)}`, `--stanza=${STANZA}`, ...args], {
    server: true,
  });

/**
 * Creates the repository's stanza and checks that the leader's log reaches it.
 * @param {Cluster} cluster
 */
export function createStanza(cluster) {
  pgbackrest(cluster, ['stanza-create']);
  pgbackrest(cluster, ['check']);
}

/**
 * Takes a backup from the leader: `full`, or `incr` (what changed since the last backup).
 * @param {Cluster} cluster
 * @param {'full' | 'incr'} [type]
 */
export function backup(cluster, type = 'full') {
  pgbackrest(cluster, [`--type=${type}`, 'backup']);
  return info(cluster);
}

/**
 * The repository's backups: type, label and when each started and stopped.
 * @param {Cluster} cluster
 * @returns {Backup[]}
 */
export function info(cluster) {
  const [stanza] = JSON.parse(pgbackrest(cluster, ['--output=json', 'info']));
  /** @type {Array<{ label: string, type: string, timestamp: { start: number, stop: number } }>} */
  const backups = stanza?.backup ?? [];
  return backups.map((entry) => ({
    label: entry.label,
    type: entry.type,
    start: new Date(entry.timestamp.start * 1000).toISOString(),
    stop: new Date(entry.timestamp.stop * 1000).toISOString(),
  }));
}

/**
 * Restores the repository to `time` (a timestamp PostgreSQL reads, with its time zone) into a
 * fresh folder, and starts it alone on `port`: promoted, writable, archiving nothing.
 * @param {Cluster} cluster
 * @param {string} time
 * @param {{ port: number, name?: string }} options
 */
export async function restore(cluster, time, { port, name = 'restored' }) {
  await archiveNow(cluster).catch(() => {});
  const data = join(cluster.pgDir, name);
  rmSync(data, { recursive: true, force: true });
  pgbackrest(cluster, [
    `--pg1-path=${data}`,
    '--type=time',
    `--target=${time}`,
    '--target-action=promote',
    '--target-exclusive',
    'restore',
  ]);
  // The restored folder holds the settings Patroni wrote for the server it came from: the
  // command line takes precedence over them (this server stands alone, on a port of its own).
  const settings = [
    `-c port=${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${cluster.pgDir}`,
    `-c hba_file=${join(data, 'pg_hba.conf')}`,
    `-c ident_file=${join(data, 'pg_ident.conf')}`,
    "-c synchronous_standby_names=''",
    '-c archive_mode=off',
  ];
  run(
    join(cluster.programs.pg, 'pg_ctl'),
    [
      '-D',
      data,
      '-l',
      join(cluster.pgDir, `${name}.log`),
      '-w',
      '-t',
      '300',
      '-o',
      settings.join(' '),
      'start',
    ],
    { server: true },
  );
  const url = `postgres://mch@127.0.0.1:${port}/mch`;
  const log = join(cluster.pgDir, `${name}.log`);
  for (;;) {
    // A target past the archived log stops the server: say why rather than wait.
    if (!existsSync(join(data, 'postmaster.pid'))) {
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      rmSync(data, { recursive: true, force: true });
      throw new Error(`The restored server stopped: ${lines.slice(-4).join('\n')}`);
    }
    try {
      const standby = run(join(cluster.programs.pg, 'psql'), [
        url,
        '-Atc',
        'select pg_is_in_recovery()',
      ]);
      if (standby.trim() === 'f') return { data, port, url };
    } catch {}
    await sleep(200);
  }
}

/**
 * Closes the leader's current log segment and waits until it is in the repository, so that a
 * restore can reach any moment until now (else up to `archive_timeout` is not archived yet).
 * With no leader (the disaster a restore is for), the repository's log is all there is.
 * @param {Cluster} cluster
 */
async function archiveNow(cluster) {
  const psql = (/** @type {string} */ statement) =>
    run(join(cluster.programs.pg, 'psql'), [cluster.urls.primary, '-Atc', statement]).trim();
  // An empty transaction with a number: its commit record, stamped now, is what recovery to a
  // moment before now stops at (with no commit after the moment, recovery refuses to end).
  psql('select txid_current()');
  const segment = psql('select pg_walfile_name(pg_switch_wal())');
  await waitFor(
    'the log to reach the repository',
    () => psql("select coalesce(last_archived_wal, '') from pg_stat_archiver") >= segment,
    60_000,
  );
}

/**
 * Stops a restored server.
 * @param {Cluster} cluster
 * @param {string} data
 */
export function stopRestored(cluster, data) {
  run(join(cluster.programs.pg, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], {
    server: true,
  });
}
