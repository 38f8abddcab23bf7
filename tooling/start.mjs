#!/usr/bin/env node
// @ts-check
// `pnpm start`: compiles what changed since the last start, builds the dashboard if its sources
// changed, then runs the API in this same process, serving the dashboard at `/`. A package is
// compiled again when one of its sources is newer than its dist/, so a restart with nothing
// changed goes straight to the server.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage, newestSource } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The API and the packages it runs on, each after those it imports.
const packages = ['packages/db', 'packages/domain', 'packages/client', 'apps/api'];

for (const name of packages) {
  const dir = join(root, name);
  const marker = join(dir, 'dist', 'index.js');
  if (!existsSync(marker) || statSync(marker).mtimeMs < newestSource(dir)) {
    await buildPackage(dir);
  }
}
// The dashboard: Vite builds it in a few seconds on a fresh clone, and not at all when unchanged.
const { buildDashboard, dashboardDir } = await import(join(root, 'apps/web/build.mjs'));
await buildDashboard();
process.env.DASHBOARD_DIR ??= dashboardDir;
await import(join(root, 'apps/api/dist/main.js'));
