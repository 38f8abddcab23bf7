import { ErrorCode } from '@mch/domain';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../config.js';

/** An answer outside GraphQL execution, in the shape of a GraphQL error response. */
export const errorBody = (
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
) => ({
  errors: [{ message, extensions: { code, ...extra } }],
});

/** The answer to a body over `MAX_BODY_BYTES`: 413, with the limit. */
export function tooLarge(res: Response, config: Config, what: string): void {
  res
    .status(413)
    .json(
      errorBody(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `${what} is larger than ${config.maxBodyBytes} bytes.`,
        { limit: config.maxBodyBytes },
      ),
    );
}

/** Whether a request carries a body at all (RFC 9112: a length, or chunks). */
const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Why a body cannot be a GraphQL request, as a status and an answer; undefined when it can. */
type Refusal = { status: number; body: ReturnType<typeof errorBody> } | undefined;

/** A batch of more operations than allowed, or an operation whose query text is too long. */
function refusalOf(body: unknown, query: unknown, config: Config): Refusal {
  if (Array.isArray(body) && body.length > config.limits.batch) {
    return {
      status: 400,
      body: errorBody(
        ErrorCode.BATCH_LIMIT_EXCEEDED,
        `A batch may hold at most ${config.limits.batch} operations; this one holds ${body.length}.`,
        { found: body.length, limit: config.limits.batch },
      ),
    };
  }
  const operations: unknown[] = Array.isArray(body) ? body : [body ?? query];
  const limit = config.limits.documentChars;
  for (const operation of operations) {
    const text = (operation as { query?: unknown } | null)?.query;
    if (typeof text === 'string' && text.length > limit) {
      return {
        status: 400,
        body: errorBody(
          ErrorCode.DOCUMENT_TOO_LARGE,
          `The query is ${text.length} characters long; at most ${limit} are allowed.`,
          { found: text.length, limit },
        ),
      };
    }
  }
  return undefined;
}

/**
 * What the body of a GraphQL request must be before anything parses it as GraphQL: JSON, not
 * larger than the limit, a batch of at most `MAX_BATCH` operations, and query text no longer
 * than `MAX_DOCUMENT_CHARS` (in the body, in each operation of a batch, or in a GET's query
 * string). One handler runs the checks in turn, so a request passes through one step of the
 * router for all of them.
 */
export function graphqlBody(config: Config): RequestHandler {
  const json = express.json({ limit: config.maxBodyBytes });
  return (req, res, next) => {
    // `req.is` cannot tell a body's type when there is no body: say what is missing instead.
    if (req.method === 'POST' && !hasBody(req)) {
      res
        .status(400)
        .json(
          errorBody(
            ErrorCode.BAD_REQUEST,
            'The request has no body: send a JSON object such as `{"query": "{ countries { totalCount } }"}`.',
          ),
        );
      return;
    }
    if (req.method === 'POST' && !req.is('application/json')) {
      res
        .status(415)
        .json(
          errorBody(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            'Send GraphQL requests as JSON, with `Content-Type: application/json`.',
          ),
        );
      return;
    }
    json(req, res, (error?: unknown) => {
      if (error !== undefined) {
        const type = (error as { type?: string }).type;
        if (type === 'entity.too.large') {
          tooLarge(res, config, 'The request body');
          return;
        }
        if (
          type === 'entity.parse.failed' ||
          type === 'encoding.unsupported' ||
          type === 'charset.unsupported'
        ) {
          res
            .status(400)
            .json(errorBody(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.'));
          return;
        }
        next(error);
        return;
      }
      const refusal = refusalOf(req.body, req.query, config);
      if (refusal) {
        res.status(refusal.status).json(refusal.body);
        return;
      }
      next();
    });
  };
}
