import { ErrorCode } from '@mch/domain';
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
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

/**
 * What the body of a GraphQL request must be before anything parses it as GraphQL: JSON, not
 * larger than the limit, a batch of at most `MAX_BATCH` operations, and query text no longer
 * than `MAX_DOCUMENT_CHARS` (in the body, in each operation of a batch, or in a GET's query
 * string).
 */
export function graphqlBody(config: Config): Array<RequestHandler | ErrorRequestHandler> {
  const onlyJson: RequestHandler = (req, res, next) => {
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
    next();
  };
  const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
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
      res.status(400).json(errorBody(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.'));
      return;
    }
    next(error);
  };
  const batchCap: RequestHandler = (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > config.limits.batch) {
      res
        .status(400)
        .json(
          errorBody(
            ErrorCode.BATCH_LIMIT_EXCEEDED,
            `A batch may hold at most ${config.limits.batch} operations; this one holds ${req.body.length}.`,
            { found: req.body.length, limit: config.limits.batch },
          ),
        );
      return;
    }
    next();
  };
  const documentCap: RequestHandler = (req, res, next) => {
    const operations: unknown[] = Array.isArray(req.body) ? req.body : [req.body ?? req.query];
    const limit = config.limits.documentChars;
    for (const operation of operations) {
      const query = (operation as { query?: unknown } | null)?.query;
      if (typeof query === 'string' && query.length > limit) {
        res
          .status(400)
          .json(
            errorBody(
              ErrorCode.DOCUMENT_TOO_LARGE,
              `The query is ${query.length} characters long; at most ${limit} are allowed.`,
              { found: query.length, limit },
            ),
          );
        return;
      }
    }
    next();
  };
  return [
    onlyJson,
    express.json({ limit: config.maxBodyBytes }),
    bodyErrors,
    batchCap,
    documentCap,
  ];
}
