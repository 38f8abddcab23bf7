import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ClientError, type ErrorCode } from '@mch/domain';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { Config } from '../config.js';

/** A refusal of a request over one of the limits, with the value found and the limit. */
export const limitError = (code: ErrorCode, message: string, found: number, limit: number) =>
  new ClientError(code, message, { found, limit }, 400);

/** Turns an armor refusal into one with our code, the count found and the limit. */
const reportAs =
  (code: ErrorCode, what: string, limit: number) =>
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

/** Depth, aliases and directives, checked while the document is validated. */
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
