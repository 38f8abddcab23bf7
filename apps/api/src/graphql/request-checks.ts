import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '@mch/domain';
import type { Config } from '../config.js';
import type { SharedRedis } from '../scale/redis.js';
import { checkCost } from './cost.js';
import { refuseUnstorableText, resolvedOperation } from './operation.js';
import { createRateLimit } from './rate-limit.js';

/**
 * What is checked of a parsed, valid request before it runs, in order: that it names an
 * operation to run, that its text can be stored, its cost, and the client's rate-limit budget.
 * The first refusal stops the request; nothing refused is charged.
 */
export function requestChecksPlugin(
  config: Config,
  redis: SharedRedis | undefined,
): ApolloServerPlugin<Context> {
  const chargeRateLimit = createRateLimit(config.rateLimit, redis);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          const variables = context.request.variables ?? {};
          const operation = resolvedOperation(
            context.document,
            context.operation,
            context.request.operationName,
          );
          refuseUnstorableText(context.document, variables);
          const cost = checkCost(context.document, operation, variables, config.limits.cost);
          await chargeRateLimit?.(context, cost);
        },
      };
    },
  };
}
