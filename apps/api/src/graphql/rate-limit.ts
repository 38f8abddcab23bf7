import type { GraphQLRequestContext } from '@apollo/server';
import { ClientError, type Context } from '@mch/domain';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import type { SharedRedis } from '../scale/redis.js';
import { limitError } from './validation-rules.js';

/**
 * The cost-based rate limit: each token (or, without one, each client address) may spend a
 * budget of cost units per window. A refused request is not charged, so what a client is told
 * remains stays true. Every answer carries the RateLimit headers.
 *
 * With Redis the budget is one for every API replica, spent atomically; while Redis is away
 * each process keeps a budget of its own (the insurance limiter), so the API keeps answering.
 */
export function createRateLimit(settings: Config['rateLimit'], redis?: SharedRedis) {
  if (settings.points === 0) return undefined;
  const options = { points: settings.points, duration: settings.windowSeconds };
  const limiter = redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: redis.client,
        keyPrefix: 'mch:rate-limit',
        // Fail over to the process's own budget at once instead of waiting for Redis.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(options),
      })
    : new RateLimiterMemory(options);

  const setHeaders = (context: GraphQLRequestContext<Context>, state: RateLimiterRes) => {
    const headers = context.response.http.headers;
    headers.set('ratelimit-limit', String(settings.points));
    headers.set('ratelimit-remaining', String(Math.max(0, state.remainingPoints)));
    headers.set('ratelimit-reset', String(Math.ceil(state.msBeforeNext / 1000)));
  };

  /** Charges the request's cost to its client, or refuses it. */
  return async function charge(context: GraphQLRequestContext<Context>, cost: number) {
    const { viewer, clientAddress } = context.contextValue;
    const key = viewer.tokenId
      ? `token:${viewer.tokenId}`
      : `address:${clientAddress ?? 'unknown'}`;
    const charge = Math.max(1, cost);
    if (charge > settings.points) {
      throw limitError(
        'COST_LIMIT_EXCEEDED',
        `The query may cost ${charge}, more than the whole rate-limit budget of ${settings.points} per ${settings.windowSeconds} s. Ask for smaller pages or fewer nested lists.`,
        charge,
        settings.points,
      );
    }
    const spent = await limiter.get(key);
    const remaining = settings.points - (spent?.consumedPoints ?? 0);
    const refuse = (state: RateLimiterRes, left: number) => {
      setHeaders(context, state);
      const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      const error = new ClientError(
        'RATE_LIMITED',
        `Rate limit reached: this request costs ${charge} and ${Math.max(0, left)} of ${settings.points} remain in this window. Retry after ${retryAfter} s.`,
        { cost: charge, retryAfterSeconds: retryAfter },
      );
      // Apollo reads the status and headers of `http` from the error it answers with.
      error.extensions.http = {
        status: 429,
        headers: new Map([['retry-after', String(retryAfter)]]) as never,
      };
      return error;
    };
    if (spent && charge > remaining) throw refuse(spent, remaining);
    try {
      setHeaders(context, await limiter.consume(key, charge));
    } catch (rejection) {
      // Another request of the same client spent the budget in the meantime.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw refuse(rejection, remaining);
    }
  };
}
