import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { cursorsAsked } from './selection.js';

/**
 * The statements of a document's lists, planned the first time the document runs. A list's
 * statement depends only on where it is in the document (its path, which fixes the columns and
 * relations asked for) and its arguments: afterwards it runs from its plan, with only the
 * parents' keys changed for a related list, and no query is built. The plans live as long as
 * the parsed document does.
 */
export interface CachedStatement {
  sql: string;
  /** The values, with `null` where the parents' keys go. */
  parameters: readonly unknown[];
  /** Where the parents' keys go in `parameters`; -1 for a top-level list. */
  keysAt: number;
}

/** A list's place among its document's plans. */
export interface StatementCache {
  key: string;
  plans: Map<string, CachedStatement>;
  /** Whether the document reads the list's cursors: without, its rows need no sort keys. */
  cursors: boolean;
}

const cachesOfOperations = new WeakMap<OperationDefinitionNode, Map<string, CachedStatement>>();
/** Arguments differ from request to request (a cursor, a page size): plans kept per document. */
const STATEMENTS_PER_DOCUMENT = 200;

/**
 * The plans of the list `info` resolves, with these arguments. Only for lists whose statement
 * depends on nothing else: not on who asks, nor on the time.
 */
export function statementCacheOf(
  info: GraphQLResolveInfo,
  args: object,
): StatementCache | undefined {
  let plans = cachesOfOperations.get(info.operation);
  if (!plans) {
    plans = new Map();
    cachesOfOperations.set(info.operation, plans);
  }
  let path = '';
  for (let at: GraphQLResolveInfo['path'] | undefined = info.path; at; at = at.prev) {
    if (typeof at.key === 'string') path = `${at.key}.${path}`;
  }
  const key = `${path}${JSON.stringify(args)}`;
  return plans.has(key) || plans.size < STATEMENTS_PER_DOCUMENT
    ? { key, plans, cursors: cursorsAsked(info) }
    : undefined;
}

/**
 * The parents' keys of a related list's statement: `array`, the parameter the statement was
 * built with (found in it by identity), and `sent`, what goes to the server in its place.
 */
export interface KeysParameter {
  array: readonly unknown[];
  sent: unknown;
}

/**
 * Runs a list's statement: from its plan when there is one, else built by `build`, run, and
 * kept as the plan. `keys`, for a related list, is the parents' keys inside the statement: the
 * plan keeps a place for them, not the keys themselves.
 */
export async function runCached(
  // biome-ignore lint/suspicious/noExplicitAny: any database; the rows are the caller's to type
  db: Kysely<any>,
  planned: StatementCache | undefined,
  build: () => Compilable<unknown>,
  keys?: KeysParameter,
): Promise<unknown[]> {
  const run = async ({ sql, parameters, keysAt }: CachedStatement) => {
    const values = [...parameters];
    if (keysAt >= 0) values[keysAt] = keys?.sent;
    return (await db.executeQuery(CompiledQuery.raw(sql, values))).rows;
  };
  const plan = planned?.plans.get(planned.key);
  if (plan) return run(plan);
  const compiled = build().compile();
  const keysAt = keys ? compiled.parameters.indexOf(keys.array) : -1;
  const parameters = [...compiled.parameters];
  if (keysAt >= 0) parameters[keysAt] = null;
  const built = { sql: compiled.sql, parameters, keysAt };
  if (planned && (!keys || keysAt >= 0)) planned.plans.set(planned.key, built);
  return run(built);
}
