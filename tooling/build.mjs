#!/usr/bin/env node
// @ts-check
// Compiles a package's TypeScript sources (src/, tests aside) to dist/: one JavaScript file and
// its source map per source file, no bundling. esbuild only transpiles, in a fraction of a
// second; types are checked separately by `pnpm typecheck`, so a first `pnpm start` does not
// wait for the type checker.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const TEST = /\.(test|spec|test-d)\.ts$/;

/**
 * @param {string} dir
 * @returns {string[]}
 */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TEST.test(entry.name)
      ? [path]
      : [];
  });
}

/**
 * The newest modification time of a package's sources (its manifest included).
 * @param {string} packageDir
 */
export function newestSource(packageDir) {
  return Math.max(
    statSync(join(packageDir, 'package.json')).mtimeMs,
    ...sources(join(packageDir, 'src')).map((file) => statSync(file).mtimeMs),
  );
}

/**
 * Builds one package into its dist/.
 * @param {string} packageDir
 */
export async function buildPackage(packageDir) {
  const outdir = join(packageDir, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: sources(join(packageDir, 'src')),
    outdir,
    outbase: join(packageDir, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildPackage(process.cwd());
}
