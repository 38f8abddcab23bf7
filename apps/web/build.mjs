#!/usr/bin/env node
// Builds the dashboard into dist/ when its sources (or the client's, which it bundles) are newer
// than the last build: `pnpm start` calls it before serving, and so do the browser tests.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const dashboardDir = join(here, 'dist');
const marker = join(dashboardDir, 'index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = [
  join(here, 'src'),
  join(here, 'index.html'),
  join(here, 'vite.config.ts'),
  join(here, 'package.json'),
  join(here, '../../packages/client/src'),
];

/** True when dist/ is missing or older than a source. */
export function dashboardIsStale() {
  return !existsSync(marker) || statSync(marker).mtimeMs < Math.max(...sources.map(newest));
}

/** Builds the dashboard if it is stale; returns whether it did. */
export async function buildDashboard({ force = false } = {}) {
  if (!force && !dashboardIsStale()) return false;
  // Vite is loaded only when a build is needed: a start with nothing changed skips it.
  const { build } = await import('vite');
  // Vite and its React plugin follow NODE_ENV: under the tests' `test` they would bundle React's
  // development build and its JSX runtime. A build is a production build, whoever runs it.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: here,
      configFile: join(here, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildDashboard({ force: process.argv.includes('--force') });
}
