#!/usr/bin/env node
// The first load's JavaScript, as a browser fetches it: every script and module preload that
// dist/index.html names, gzipped (level 9, as compression middleware and CDNs send it at best),
// against the budget of 200 KB. Exits 1 over budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 200 * 1024;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** Each first-load script of the built page, with its size raw and gzipped. */
export function firstLoadScripts() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const paths = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1]);
  return [...new Set(paths)].map((path) => {
    const bytes = readFileSync(join(dist, path.replace(/^\//, '')));
    return { path, bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const scripts = firstLoadScripts();
  for (const script of scripts) {
    console.log(
      `${script.path}: ${(script.bytes / 1024).toFixed(1)} KB, ${(script.gzipped / 1024).toFixed(1)} KB gzipped`,
    );
  }
  const total = scripts.reduce((sum, script) => sum + script.gzipped, 0);
  console.log(
    `First-load JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB).`,
  );
  if (total > BUDGET_BYTES) process.exit(1);
}
