#!/usr/bin/env node
// Compiles a package's TypeScript sources (src/, tests aside) to dist/: one JavaScript file and
// its source map per source file, no bundling. esbuild only transpiles, in a fraction of a
// second; types are checked separately by `pnpm typecheck`, so a first `pnpm start` does not
// wait for the type checker.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const TEST = /\.(test|spec|test-d)\.ts$/;

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TEST.test(entry.name)
      ? [path]
      : [];
  });
}

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: sources('src'),
  outdir: 'dist',
  outbase: 'src',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
