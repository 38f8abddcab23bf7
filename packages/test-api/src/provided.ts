// What the global setup (global-setup.ts) prepares once per run and provides to each test file.

/** On PostgreSQL, the migrated and seeded database each test file copies. */
export const TEMPLATE_DATABASE = 'mch_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    database: 'pglite' | 'postgres';
    /** PGlite: a dump of a migrated and seeded database, loaded by each test file. */
    pgliteDump: string;
    /** PostgreSQL: the server each test file creates its own database on. */
    postgresUrl: string;
  }
}
