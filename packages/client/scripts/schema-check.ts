import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compareSchemas, formatReport } from './schema-diff.js';

/**
 * `pnpm schema:check [ref]`: compares schema.graphql with its version at a git ref (HEAD by
 * default) and fails when a change breaks clients without a deprecation first.
 */
if (process.argv.includes('--help')) {
  console.log(`Usage: pnpm schema:check [REF]

Compares schema.graphql with its version at a git ref (HEAD by default) and lists breaking,
dangerous and safe changes; fails on a breaking change that was not deprecated first.`);
  process.exit(0);
}

const ref = process.argv[2] ?? 'HEAD';

let previous: string;
try {
  previous = execFileSync('git', ['show', `${ref}:./schema.graphql`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch {
  console.log(`No schema.graphql at ${ref}; nothing to compare.`);
  process.exit(0);
}

const report = await compareSchemas(previous, readFileSync('schema.graphql', 'utf8'));
console.log(formatReport(report, ref));
if (report.unannounced.length > 0) {
  console.error(
    '\nThe schema breaks clients without warning. Deprecate what you remove (`deprecationReason`) and remove it in a later release.',
  );
  process.exit(1);
}
