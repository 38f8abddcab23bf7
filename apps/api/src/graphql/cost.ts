import { DEFAULT_PAGE_SIZE } from '@mch/domain';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { limitError } from './validation-rules.js';

/**
 * The cost of an operation: one per field, and what a list selects counts once per record the
 * list may return (its `first`, `last` or `limit`; the default page size for a connection that names none).
 */
export function operationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const known = fixedCosts.get(operation);
  if (known !== undefined) return known;
  const { cost, readsVariables } = walk(document, operation, variables);
  // A cost no variable changes is the document's own: worked out the first time it is seen.
  if (!readsVariables) fixedCosts.set(operation, cost);
  return cost;
}

const fixedCosts = new WeakMap<OperationDefinitionNode, number>();

function walk(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { cost: number; readsVariables: boolean } {
  let readsVariables = false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const argument = (field: FieldNode, name: string) => {
    const node = field.arguments?.find((arg) => arg.name.value === name);
    if (node && node.value.kind !== Kind.INT) readsVariables = true;
    const value = node ? valueFromASTUntyped(node.value, variables) : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : undefined;
  };
  const fields = (set: SelectionSetNode | undefined, seen: Set<string>): FieldNode[] =>
    (set?.selections ?? []).flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT) return fields(selection.selectionSet, seen);
      const name = selection.name.value;
      if (seen.has(name)) return [];
      return fields(fragments.get(name)?.selectionSet, new Set([...seen, name]));
    });
  const cost = (set: SelectionSetNode | undefined, seen: Set<string>): number =>
    fields(set, seen).reduce((total, field) => {
      if (!field.selectionSet) return total + 1;
      const below = fields(field.selectionSet, seen).map((child) => child.name.value);
      const isConnection = below.includes('edges') || below.includes('nodes');
      const size =
        argument(field, 'first') ??
        argument(field, 'last') ??
        argument(field, 'limit') ??
        (isConnection ? DEFAULT_PAGE_SIZE : 1);
      return total + 1 + size * cost(field.selectionSet, seen);
    }, 0);
  return { cost: cost(operation.selectionSet, new Set()), readsVariables };
}

/** Refuses an operation that may cost more than the limit, before it runs; returns its cost. */
export function checkCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limit: number,
): number {
  const cost = operationCost(document, operation, variables);
  if (cost > limit) {
    throw limitError(
      'COST_LIMIT_EXCEEDED',
      `The query may cost ${cost} (a list counts once per record it may return); at most ${limit} is allowed. Ask for smaller pages or fewer nested lists.`,
      cost,
      limit,
    );
  }
  return cost;
}
