import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { requestSummary } from '../logging.js';
import type { Observability } from '../observability.js';

const ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics']);
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The level of a request's log line: failures at `error`, refusals at `info`, the rest at `debug`. */
function levelOf(status: number, finished: boolean): 'error' | 'info' | 'debug' {
  if (status >= 500) return 'error';
  // A request the client gave up on, or one refused, is worth a line at `info`.
  if (!finished || status >= 400) return 'info';
  return 'debug';
}

/**
 * Every request gets an id (or keeps a well-formed one it brings), in its log line, its
 * answer's headers and the audit trail of what it changes; its duration and status are counted.
 *
 * An answer that went well is counted in /metrics and logged only at `debug`: a line per
 * request at `info` would cost every request more than a small answer does. The line is
 * composed only when its level is written, so a request pays nothing for a line nobody reads.
 */
export function requestTracking(observability: Observability): RequestHandler {
  const { logger } = observability;
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    // The route and path are read now: routers below rewrite them as they go.
    const path = req.path;
    const route = ROUTES.has(path) ? path : path.startsWith('/export/') ? '/export' : 'other';
    const method = req.method;
    const started = performance.now();
    const end = observability.httpDuration.startTimer({ method, route });
    res.once('close', () => {
      // A client that hung up before its body or its answer was through gave the request up,
      // whatever its answer (written to no one) says.
      const finished = res.writableFinished && !req.readableAborted;
      if (res.writableFinished) {
        end();
        observability.httpRequests.inc({ method, route, status: String(res.statusCode) });
      }
      const level = levelOf(res.statusCode, finished);
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          // The request as `requestSummary` tells it: chosen headers only, never a credential.
          req: requestSummary(req, id, path),
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        finished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
