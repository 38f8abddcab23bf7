import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DbHandle } from '@mch/db';
import { authenticate, ErrorCode } from '@mch/domain';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { errorBody } from './graphql-body.js';

/**
 * Trusted documents, as the GraphQL-over-HTTP persisted documents appendix describes them: a
 * request may name a known document by its `documentId` (`sha256:<hex>`) instead of sending its
 * text, by POST or by GET; and an API set to run only trusted documents refuses text from anyone
 * but an admin. The known documents are the typed client's, generated with it, and any files a
 * deployment adds (other frontend teams' documents).
 */

const DOCUMENT_ID = /^sha256:[0-9a-f]{64}$/;

/** How long a shared cache may keep an anonymous GET answer of a trusted document. */
const CACHE_SECONDS = 60;

/** The trusted documents by ID: the typed client's, then each configured file's. */
export function loadTrustedDocuments(files: readonly string[]): Map<string, string> {
  const require = createRequire(import.meta.url);
  const paths = [require.resolve('@mch/client/persisted-documents.json'), ...files];
  const documents = new Map<string, string>();
  for (const path of paths) {
    const entries = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    for (const [id, text] of Object.entries(entries)) {
      if (!DOCUMENT_ID.test(id) || typeof text !== 'string') {
        throw new Error(`${path}: "${id}" is not a sha256:<hex> document ID with its text.`);
      }
      documents.set(id, text);
    }
  }
  return documents;
}

type Refusal = { status: number; code: ErrorCode; message: string };

/** The text of a document ID, or why it is refused. */
function resolve(documents: Map<string, string>, id: unknown): string | Refusal {
  if (typeof id !== 'string' || !DOCUMENT_ID.test(id)) {
    return {
      status: 400,
      code: ErrorCode.BAD_REQUEST,
      message: '`documentId` must be `sha256:` and the 64 hex digits of the document’s hash.',
    };
  }
  return (
    documents.get(id) ?? {
      status: 400,
      code: ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND,
      message: `No trusted document has the ID ${id}. Register it with this API, or send its text.`,
    }
  );
}

export function trustedDocuments(
  config: Config,
  database: DbHandle,
  documents: Map<string, string>,
): RequestHandler {
  const refuse = (res: Parameters<RequestHandler>[1], refusal: Refusal) =>
    res.status(refusal.status).json(errorBody(refusal.code, refusal.message));

  return async (req, res, next) => {
    let adHoc = false;
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://api');
      const id = url.searchParams.get('documentId');
      if (id !== null) {
        if (url.searchParams.has('query')) {
          refuse(res, {
            status: 400,
            code: ErrorCode.BAD_REQUEST,
            message: 'Send `documentId` or `query`, not both.',
          });
          return;
        }
        const text = resolve(documents, id);
        if (typeof text !== 'string') {
          refuse(res, text);
          return;
        }
        url.searchParams.delete('documentId');
        url.searchParams.set('query', text);
        req.url = `${url.pathname}${url.search}`;
        // The same document and variables answer the same to anyone without a token, in one
        // language: a shared cache may keep the answer for a minute, keyed also by what it
        // varies on (`Vary`: token and language, set for every GraphQL answer, and `Origin`,
        // set by the CORS middleware). An answer to a token is that token's own.
        res.setHeader(
          'cache-control',
          req.get('authorization') ? 'private, no-store' : `public, max-age=${CACHE_SECONDS}`,
        );
      } else if (url.searchParams.has('query')) {
        adHoc = true;
      }
    } else if (req.method === 'POST' && req.body && typeof req.body === 'object') {
      const operations: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
      for (const operation of operations) {
        if (!operation || typeof operation !== 'object') continue;
        const body = operation as Record<string, unknown>;
        if ('documentId' in body) {
          if (body.query !== undefined) {
            refuse(res, {
              status: 400,
              code: ErrorCode.BAD_REQUEST,
              message: 'Send `documentId` or `query`, not both.',
            });
            return;
          }
          const text = resolve(documents, body.documentId);
          if (typeof text !== 'string') {
            refuse(res, text);
            return;
          }
          delete body.documentId;
          body.query = text;
        } else if (body.query !== undefined) {
          adHoc = true;
        }
      }
    }
    if (adHoc && config.trustedDocumentsOnly) {
      const viewer = await authenticate(database.db, req.get('authorization')).catch(() => null);
      if (viewer?.role !== 'admin') {
        refuse(res, {
          status: 400,
          code: ErrorCode.PERSISTED_DOCUMENT_REQUIRED,
          message:
            'This API runs only trusted documents: send `documentId` (sha256 of a registered document) instead of `query`.',
        });
        return;
      }
    }
    next();
  };
}
