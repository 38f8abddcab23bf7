import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { Context } from '@mch/domain';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from './config.js';

/**
 * What a request may ask, checked before anything runs: the size of the document, its depth,
 * aliases and directives, and its cost, in which a list counts as many times as the page it
 * asks for. Each refusal carries a stable code, the value found and the limit.
 */

const limitError = (code: string, message: string, found: number, limit: number) =>
  new GraphQLError(message, {
    extensions: { code, found, limit, http: { status: 400 } },
  });

/** The refusal of a document longer than the limit, before it is parsed. */
export function documentTooLarge(length: number, limit: number) {
  return {
    message: `The query is ${length} characters long; at most ${limit} are allowed.`,
    extensions: { code: 'DOCUMENT_TOO_LARGE', found: length, limit },
  };
}

/** Turns an armor refusal into one with our code, the count found and the limit. */
const reportAs =
  (code: string, what: string, limit: number) =>
  (context: ValidationContext | null, error: GraphQLError) => {
    const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? Number.NaN);
    context?.reportError(
      limitError(
        code,
        `The query has ${found} ${what}; at most ${limit} are allowed.`,
        found,
        limit,
      ),
    );
  };

export function validationRules(limits: Config['limits']): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.depth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reportAs('DEPTH_LIMIT_EXCEEDED', 'levels of nesting', limits.depth)],
    }),
    maxAliasesRule({
      n: limits.aliases,
      propagateOnRejection: false,
      onReject: [reportAs('ALIAS_LIMIT_EXCEEDED', 'aliases', limits.aliases)],
    }),
    maxDirectivesRule({
      n: limits.directives,
      propagateOnRejection: false,
      onReject: [reportAs('DIRECTIVE_LIMIT_EXCEEDED', 'directives', limits.directives)],
    }),
  ];
}

const DEFAULT_PAGE = 20;

/**
 * The cost of an operation: one per field, and what a list selects counts once per record the
 * list may return (its `first`, `last` or `limit`; 20 for a connection that names none).
 */
export function operationCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;

  const argument = (field: FieldNode, name: string) => {
    const node = field.arguments?.find((arg) => arg.name.value === name);
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
        (isConnection ? DEFAULT_PAGE : 1);
      return total + 1 + size * cost(field.selectionSet, seen);
    }, 0);
  return cost(operation.selectionSet, new Set());
}

/** The request plugin: cost, and the cost-based rate limit with its headers. */
export function limitsPlugin(config: Config): ApolloServerPlugin<Context> {
  const limiter =
    config.rateLimit.points > 0
      ? new RateLimiterMemory({
          points: config.rateLimit.points,
          duration: config.rateLimit.windowSeconds,
        })
      : undefined;

  const setHeaders = (context: GraphQLRequestContext<Context>, state: RateLimiterRes) => {
    const headers = context.response.http.headers;
    headers.set('ratelimit-limit', String(config.rateLimit.points));
    headers.set('ratelimit-remaining', String(Math.max(0, state.remainingPoints)));
    headers.set('ratelimit-reset', String(Math.ceil(state.msBeforeNext / 1000)));
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          refuseUnstorableText(context.document, context.request.variables ?? {});
          const cost = operationCost(
            context.document,
            context.operationName,
            context.request.variables ?? {},
          );
          if (cost > config.limits.cost) {
            throw limitError(
              'COST_LIMIT_EXCEEDED',
              `The query may cost ${cost} (a list counts once per record it may return); at most ${config.limits.cost} is allowed. Ask for smaller pages or fewer nested lists.`,
              cost,
              config.limits.cost,
            );
          }
          if (!limiter) return;
          const { viewer, clientAddress } = context.contextValue;
          const key = viewer.tokenId
            ? `token:${viewer.tokenId}`
            : `address:${clientAddress ?? 'unknown'}`;
          const charge = Math.max(1, cost);
          if (charge > config.rateLimit.points) {
            throw limitError(
              'COST_LIMIT_EXCEEDED',
              `The query may cost ${charge}, more than the whole rate-limit budget of ${config.rateLimit.points} per ${config.rateLimit.windowSeconds} s. Ask for smaller pages or fewer nested lists.`,
              charge,
              config.rateLimit.points,
            );
          }
          // A refused request is not charged: what the client is told remains stays true.
          const spent = await limiter.get(key);
          const remaining = config.rateLimit.points - (spent?.consumedPoints ?? 0);
          const refuse = (state: RateLimiterRes, left: number) => {
            setHeaders(context, state);
            const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
            return new GraphQLError(
              `Rate limit reached: this request costs ${charge} and ${Math.max(0, left)} of ${config.rateLimit.points} remain in this window. Retry after ${retryAfter} s.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  cost: charge,
                  retryAfterSeconds: retryAfter,
                  // Apollo reads the status and headers of `http` from the error it answers with.
                  http: {
                    status: 429,
                    headers: new Map([['retry-after', String(retryAfter)]]) as never,
                  },
                },
              },
            );
          };
          if (spent && charge > remaining) throw refuse(spent, remaining);
          try {
            setHeaders(context, await limiter.consume(key, charge));
          } catch (rejection) {
            // Another request of the same client spent the budget in the meantime.
            if (!(rejection instanceof RateLimiterRes)) throw rejection;
            throw refuse(rejection, remaining);
          }
        },
      };
    },
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a document's string literals hold unstorable text, kept per parsed document. */
const literalsChecked = new WeakMap<DocumentNode, boolean>();
function literalsUnstorable(document: DocumentNode): boolean {
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (UNSTORABLE.test(node.value)) found = true;
      },
    });
    literalsChecked.set(document, found);
  }
  return found;
}

/**
 * Text PostgreSQL cannot hold (the NUL character, unpaired surrogates) is refused in any
 * argument, literal or variable, before it reaches a resolver.
 */
function refuseUnstorableText(document: DocumentNode, variables: Record<string, unknown>): void {
  const bad = (value: unknown): boolean =>
    typeof value === 'string'
      ? UNSTORABLE.test(value)
      : Array.isArray(value)
        ? value.some(bad)
        : value !== null && typeof value === 'object'
          ? Object.values(value).some(bad)
          : false;
  if (bad(variables) || literalsUnstorable(document)) {
    throw new GraphQLError(
      'Text may not contain the NUL character (\\u0000) or unpaired UTF-16 surrogates.',
      { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
    );
  }
}
