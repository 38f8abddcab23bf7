import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';

/**
 * The statements of a document's lists, planned the first time the document runs. A list's
 * statement depends only on where it is in the document (its path, which fixes the columns and
 * relations asked for) and its arguments: afterwards it runs from its plan, with only the
 * parents' keys changed for a related list, and no query is built. The plans live as long as
 * the parsed document does.
 */
export interface PlannedStatement {
  sql: string;
  /** The values, with `null` where the parents' keys go. */
  parameters: readonly unknown[];
  /** Where the parents' keys go in `parameters`; -1 for a top-level list. */
  keysAt: number;
}

/** A list's place among its document's plans. */
export interface StatementPlans {
  key: string;
  plans: Map<string, PlannedStatement>;
}

const plansOfOperations = new WeakMap<OperationDefinitionNode, Map<string, PlannedStatement>>();
/** Arguments differ from request to request (a cursor, a page size): plans kept per document. */
const PLANS_PER_DOCUMENT = 200;

/**
 * The plans of the list `info` resolves, with these arguments. Only for lists whose statement
 * depends on nothing else: not on who asks, nor on the time.
 */
export function plansOf(info: GraphQLResolveInfo, args: object): StatementPlans | undefined {
  let plans = plansOfOperations.get(info.operation);
  if (!plans) {
    plans = new Map();
    plansOfOperations.set(info.operation, plans);
  }
  let path = '';
  for (let at: GraphQLResolveInfo['path'] | undefined = info.path; at; at = at.prev) {
    if (typeof at.key === 'string') path = `${at.key}.${path}`;
  }
  const key = `${path}${JSON.stringify(args)}`;
  return plans.has(key) || plans.size < PLANS_PER_DOCUMENT ? { key, plans } : undefined;
}
