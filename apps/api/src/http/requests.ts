import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { requestSummary } from '../logging.js';
import type { Observability } from '../observability.js';

const ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics']);
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Every request gets an id (or keeps a well-formed one it brings), in its log line, its
 * answer's headers and the audit trail of what it changes; its duration and status are counted.
 */
export function requestTracking(observability: Observability): RequestHandler[] {
  const track: RequestHandler = (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    // The route is read now: routers below rewrite the path as they go.
    const route = ROUTES.has(req.path)
      ? req.path
      : req.path.startsWith('/export/')
        ? '/export'
        : 'other';
    const end = observability.httpDuration.startTimer({ method: req.method, route });
    res.on('finish', () => {
      end();
      observability.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
  const log = pinoHttp({
    logger: observability.logger,
    genReqId: (_req, res) => (res as unknown as { locals: { requestId: string } }).locals.requestId,
    quietReqLogger: true,
    // An answer that went well is counted in /metrics and logged only at `debug`: a line per
    // request at `info` would cost every request more than a small answer does. Refusals and
    // failures are logged at `info` and `error`.
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    // The request as `requestSummary` tells it: chosen headers only, never a credential.
    serializers: { req: requestSummary },
  });
  return [track, log];
}
