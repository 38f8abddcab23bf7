import { v5 as uuidv5 } from 'uuid';

/** The namespace of every seed record's UUID (a fixed, random UUID). */
const SEED_NAMESPACE = '6f1d3c1e-5b0a-4c53-9a51-2f4d8e0b7a11';

/**
 * The stable UUID of a seed record, derived from a readable key such as
 * `training_event:maputo-2020-05-21`. The same key gives the same id on every machine, so
 * loading the seed again finds the rows it wrote before.
 */
export function seedId(key: string): string {
  return uuidv5(key, SEED_NAMESPACE);
}
