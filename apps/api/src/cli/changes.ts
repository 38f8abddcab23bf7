import { DEFAULT_BATCH_SIZE } from '@mch/domain';
import { compactOnce, horizonOf } from '../change-log.js';
import { type Command, UsageError } from './command.js';
import { withDatabase } from './database.js';

/** A whole number from an option, or the fallback when the option is left out. */
function whole(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}.`);
  }
  return number;
}

const compact: Command = {
  name: 'compact',
  summary: 'Compact the change log now, as the API does every hour.',
  usage: ['changes compact', 'changes compact --days 30 --batch 2000'],
  options: {
    days: {
      type: 'string',
      description:
        'Compact changes made more than this many days ago (default CHANGE_LOG_RETENTION_DAYS).',
    },
    batch: {
      type: 'string',
      description: `Changes looked at per transaction (default ${DEFAULT_BATCH_SIZE}).`,
    },
  },
  run: async (values) => {
    const batchSize = whole(values.batch, 'batch', DEFAULT_BATCH_SIZE, 1, 100_000);
    // Said before the database is opened; the setting's default is read with it.
    const given = whole(values.days, 'days', -1, 0, 36_500);
    await withDatabase('mch changes compact', async (database, config) => {
      const days = given >= 0 ? given : config.changeLogRetentionDays;
      if (given < 0 && days === 0) {
        console.log('CHANGE_LOG_RETENTION_DAYS is 0: the change log keeps every change.');
        return;
      }
      const before = horizonOf(days);
      const started = performance.now();
      const report = await compactOnce(database, before, { batchSize });
      if (!report) {
        console.log('Another process is compacting the change log now; nothing was done.');
        return;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Compacted the change log up to changes made before ${before.toISOString()}: ${report.removed} changes removed in ${report.batches} batches in ${seconds} s; cursors before transaction ${report.low.txid}, change ${report.low.seq} now expire.`,
      );
    });
  },
};

export const changesCommand: Command = {
  name: 'changes',
  summary: 'The change feed: compact its log up to the horizon.',
  subcommands: [compact],
};
