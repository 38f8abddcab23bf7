import type { Generated } from 'kysely';

/** Which seed sets a database has loaded, so that a start loads each once. */
export interface SeedRunTable {
  name: string;
  applied_at: Generated<Date>;
}
