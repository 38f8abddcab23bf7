import { readFileSync } from 'node:fs';

/** How a CSV export of every training event went: time, size, and the API's memory. */
export interface ExportMeasurement {
  rows: number;
  megabytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** The API's resident memory before the export, and the most it held during it. */
  rssBeforeMb: number;
  rssPeakMb: number;
}

/** Resident memory of a process, from Linux's /proc; null elsewhere. */
function residentMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Reads `/export/trainingEvents.csv` to its end as a client would, counting lines and bytes,
 * while sampling the API's resident memory every 100 ms: the export streams, so its memory
 * should not grow with the number of events.
 */
export async function measureExport(origin: string, pid: number): Promise<ExportMeasurement> {
  const before = residentMb(pid) ?? 0;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentMb(pid) ?? 0);
  }, 100);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  try {
    const response = await fetch(`${origin}/export/trainingEvents.csv`);
    if (!response.ok || !response.body) {
      throw new Error(`The export answered ${response.status}: ${await response.text()}`);
    }
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines += 1;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  // Lines, less the header; quoted cells with line breaks would count twice, and the synthetic
  // events have none.
  const rows = lines - 1;
  return {
    rows,
    megabytes: Math.round((bytes / 2 ** 20) * 10) / 10,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(rows / seconds),
    rssBeforeMb: Math.round(before),
    rssPeakMb: Math.round(peak),
  };
}
