import { readFileSync, writeFileSync } from 'node:fs';
import type { ExportMeasurement } from './export.js';
import type { Measurement } from './measure.js';

interface Summary {
  date: string;
  machine: { cpus: number; cpuModel: string | undefined; memoryGiB: number };
  node: string;
  events: number;
  seconds: number;
  rounds: number;
  connections: number;
  /** Where the processes were held, when they were (`--split-cpus`). */
  placement?: string;
  results: Measurement[];
  peakRssUnderLoadMb: number | null;
  csvExport: ExportMeasurement;
  synth: { loadSeconds: number };
  ratios: {
    nestedToFloor: number;
    deepPageToFirstPageLatencyP50: number;
    threeLevelsToNestedCpu?: number;
  };
}

const show = (value: number | null, digits = 1) => (value === null ? 'n/a' : value.toFixed(digits));

/** The results as a Markdown table, with the ratios the targets are stated in. */
export function formatTable(summary: Summary): string {
  const lines = [
    '| operation | req/s | p50 ms | p99 ms | Node CPU ms/req | PostgreSQL CPU ms/req | SQL statements/req | kB from PostgreSQL/req | main thread ran / waited % | machine busy % | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...summary.results.map(
      (r) =>
        `| ${r.operation} | ${show(r.requestsPerSecond)} | ${show(r.latencyP50Ms)} | ${show(r.latencyP99Ms)} | ${show(r.cpuMsPerRequest, 2)} | ${show(r.postgresCpuMsPerRequest ?? null, 2)} | ${show(r.statementsPerRequest, 2)} | ${show(r.databaseKbPerRequest ?? null)} | ${show(r.mainThreadRunPercent, 0)} / ${show(r.mainThreadWaitPercent, 0)} | ${show(r.machineBusyPercent, 0)} | ${r.errors} |`,
    ),
    '',
    `nested-50 against the floor: **${(summary.ratios.nestedToFloor * 100).toFixed(1)}%** of its req/s` +
      // Held apart, the floor's PostgreSQL has one CPU: its rate is no measure of the API's.
      (summary.placement ? ' (the floor held with PostgreSQL on one CPU: not comparable)' : '') +
      '; ' +
      `${(summary.results[1]?.operation ?? '').replace('nested-50, ', '')} against page 1: **${summary.ratios.deepPageToFirstPageLatencyP50.toFixed(2)}x** the p50 latency` +
      (summary.ratios.threeLevelsToNestedCpu === undefined
        ? '.'
        : `; three list levels against nested-50: **${summary.ratios.threeLevelsToNestedCpu.toFixed(2)}x** the Node CPU per request.`),
    '',
    `The API's peak resident memory under that load: **${show(summary.peakRssUnderLoadMb, 0)} MB**.`,
    '',
    `CSV export of all ${summary.csvExport.rows} events (\`/export/trainingEvents.csv\`, ${summary.csvExport.megabytes} MB): ` +
      `${summary.csvExport.seconds} s, ${summary.csvExport.rowsPerSecond} rows/s; the API's memory ${summary.csvExport.rssBeforeMb} MB before, ${summary.csvExport.rssPeakMb} MB at most while streaming.`,
    '',
    `${summary.events} events, loaded in ${summary.synth.loadSeconds.toFixed(1)} s; ${summary.connections} connections, ${summary.seconds} s per operation in ${summary.rounds} round${summary.rounds === 1 ? '' : 's'} (ratios: the median of the rounds'); ` +
      `${summary.machine.cpus} CPUs (${summary.machine.cpuModel ?? 'unknown'}), ${summary.machine.memoryGiB} GiB, Node ${summary.node}, ${summary.date.slice(0, 10)}` +
      (summary.placement ? `; ${summary.placement}.` : '.'),
  ];
  return lines.join('\n');
}

/** The markers of the recorded run of this size (100 000 or 1 000 000 events) in docs/performance.md. */
function markers(events: number): { start: string; end: string } {
  const marker = events === 100_000 ? 'bench' : `bench-${events}`;
  return { start: `<!-- ${marker}:start -->`, end: `<!-- ${marker}:end -->` };
}

/**
 * The performance page with the recorded run of this run's size replaced by this run's table:
 * only what lies between its markers changes.
 */
export function withRecordedRun(page: string, table: string, events: number): string {
  const { start: START, end: END } = markers(events);
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`docs/performance.md has no ${START} ... ${END} section.`);
  }
  const command = events === 100_000 ? 'pnpm bench' : `pnpm bench --events ${events}`;
  const section = `${START}\nLatest full run (\`${command}\`):\n\n${table}\n${END}`;
  return page.slice(0, start) + section + page.slice(end + END.length);
}

/** Replaces the table of this run's size in the performance page at `path` with this run's. */
export function updatePerformancePage(path: string, table: string, summary: Summary): void {
  writeFileSync(path, withRecordedRun(readFileSync(path, 'utf8'), table, summary.events));
}
