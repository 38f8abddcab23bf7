import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  BackupError,
  DataDirInUseError,
  requestSnapshot,
  restoreBackup,
  serveEmbedded,
  snapshotDataDir,
  writeBackupFile,
} from '@mch/db';
import { loadConfig } from '../config.js';
import { type Command, CommandFailed, UsageError } from './command.js';
import { reachDatabase } from './database.js';

/** The embedded database as a whole: SQL on it, backups and restores. */

function embeddedOnly(what: string): ReturnType<typeof loadConfig> {
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new CommandFailed(
      `${what} works on the embedded database; DATABASE_URL names a PostgreSQL server, whose own tools (pg_dump, pgBackRest) do this.`,
    );
  }
  return config;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

const psql: Command = {
  name: 'psql',
  summary: 'Open psql on the database, beside the running API or without it.',
  usage: ['psql [PSQL OPTIONS]', 'psql -c "SELECT count(*) FROM training_event"'],
  passesArguments: true,
  run: async (_values, args) => {
    const config = loadConfig();
    let target: string[];
    let done = async () => {};
    if (config.databaseUrl) {
      target = [config.databaseUrl];
    } else {
      const { database: handle, route } = await reachDatabase(config, 'mch psql');
      if (route?.kind === 'owner') {
        await handle.close();
        target = ['-h', route.holder.socketDir, '-U', 'postgres', '-d', 'postgres'];
      } else {
        // No API: this command owns the database while psql runs, and serves it to psql.
        const served = await serveEmbedded(handle.embedded!);
        target = ['-h', served.socketDir, '-U', 'postgres', '-d', 'postgres'];
        done = async () => {
          await served.close();
          await handle.close();
        };
      }
    }
    try {
      const code = await new Promise<number>((done, fail) => {
        const child = spawn('psql', [...target, ...args], { stdio: 'inherit' });
        child.once('error', (error: NodeJS.ErrnoException) =>
          fail(
            error.code === 'ENOENT'
              ? new CommandFailed(
                  'psql is not installed. On Debian or Ubuntu: `sudo apt install postgresql-client`.',
                )
              : error,
          ),
        );
        child.once('exit', (code) => done(code ?? 1));
      });
      if (code !== 0) throw new CommandFailed(`psql exited with ${code}.`);
    } finally {
      await done();
    }
  },
};

const backup: Command = {
  name: 'backup',
  summary: 'Copy the embedded database to a file, while the API runs and serves writes.',
  usage: ['backup FILE.tar.gz'],
  run: async (_values, positionals) => {
    const [file, ...rest] = positionals;
    if (!file || rest.length > 0) throw new UsageError('Give the file to write the backup to.');
    const config = embeddedOnly('mch backup');
    const target = resolve(file);
    const started = performance.now();
    const { database: handle, route } = await reachDatabase(config, 'mch backup');
    try {
      // The owner (the API, or this command when no API runs) copies the data folder in one
      // turn on the session; this command packs the copy, off the API's thread.
      const snapshot =
        route?.kind === 'owner'
          ? await requestSnapshot(route.holder.socketDir)
          : await snapshotDataDir(handle.embedded!.session, config.dataDir, process.pid);
      const { bytes, manifest } = await writeBackupFile(snapshot, target);
      const tables = Object.values(manifest.tables);
      console.log(
        `Wrote ${file}: ${megabytes(bytes)}, ${tables.length} tables, ${tables.reduce((sum, table) => sum + table.rows, 0)} rows as of ${manifest.takenAt}, in ${seconds(started)}.`,
      );
    } catch (error) {
      throw error instanceof BackupError ? new CommandFailed(error.message) : error;
    } finally {
      await handle.close();
    }
  },
};

const restore: Command = {
  name: 'restore',
  summary: 'Fill an empty DATA_DIR from a backup (refused while any process owns it).',
  usage: ['restore FILE.tar.gz [--force]'],
  options: {
    force: { type: 'boolean', description: 'Replace the database DATA_DIR already holds.' },
  },
  run: async (values, positionals) => {
    const [file, ...rest] = positionals;
    if (!file || rest.length > 0) throw new UsageError('Give the backup file to restore.');
    const config = embeddedOnly('mch restore');
    const started = performance.now();
    try {
      const report = await restoreBackup(resolve(file), config.dataDir, {
        force: values.force === true,
        command: 'mch restore',
      });
      const tables = Object.values(report.manifest.tables);
      console.log(
        `Restored ${file} into ${config.dataDir}${report.replaced ? ' (the database it held is replaced)' : ''}: ${tables.length} tables, ${tables.reduce((sum, table) => sum + table.rows, 0)} rows as of ${report.manifest.takenAt}, every table's digest as recorded, in ${seconds(started)}.`,
      );
    } catch (error) {
      if (error instanceof DataDirInUseError) {
        throw new CommandFailed(
          `${error.message} A restore replaces files it has open: stop it first.`,
        );
      }
      throw error instanceof BackupError ? new CommandFailed(error.message) : error;
    }
  },
};

export const embeddedCommands: Command[] = [psql, backup, restore];
