import { resolve } from 'node:path';

/**
 * Where the examples look and write, the same for both. Run through `pnpm example`, a script's
 * working directory is the client package; a path the user gives is read from where they typed
 * the command (pnpm passes it as `INIT_CWD`), so nothing lands in the package by accident.
 */

/** The option's value, when the command line names it. */
export function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The API's endpoint: `--url`, else `MCH_API_URL`, else the local API on `PORT` (4000). */
export function apiUrl(): string {
  return (
    option('--url') ||
    process.env.MCH_API_URL ||
    `http://localhost:${process.env.PORT || 4000}/graphql`
  );
}

/** A path the user typed, from the directory they typed it in. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
