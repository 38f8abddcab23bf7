import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { type GraphQLErrorDetail, GraphQLRequestError, TransportError } from './errors.js';

export interface ClientOptions {
  /** The GraphQL endpoint, such as `http://localhost:4000/graphql`. */
  url: string;
  /** An API token, sent as `Authorization: Bearer <token>`. Reading needs none. */
  token?: string;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Send each operation by its trusted document ID (`sha256:<hex>`, generated with it) instead
   * of its text: smaller requests, and what an API that runs only trusted documents accepts.
   */
  documentIds?: boolean;
}

/** Variables are optional for operations that have no required ones. */
type VariablesArgument<Variables> =
  Record<string, never> extends Variables ? [variables?: Variables] : [variables: Variables];

export interface Client {
  /**
   * Runs an operation and returns its typed data. Throws `GraphQLRequestError` when the API
   * answers with errors and `TransportError` when no GraphQL answer arrives.
   */
  request<Result, Variables>(
    document: DocumentTypeDecoration<Result, Variables> & { toString(): string },
    ...[variables]: VariablesArgument<NoInfer<Variables>>
  ): Promise<Result>;
}

interface RawResponse {
  data?: unknown;
  errors?: Array<{ message?: unknown; path?: unknown; extensions?: Record<string, unknown> }>;
}

/** The trusted document ID code generation gave an operation, when it gave one. */
function documentIdOf(document: object): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash : undefined;
}

export function createClient(options: ClientOptions): Client {
  const send = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  return {
    async request(document, ...[variables]) {
      let response: Response;
      try {
        response = await send(options.url, {
          method: 'POST',
          headers,
          body: JSON.stringify(
            documentIdOf(document) && options.documentIds
              ? { documentId: documentIdOf(document), variables: variables ?? {} }
              : { query: document.toString(), variables: variables ?? {} },
          ),
        });
      } catch (cause) {
        throw new TransportError(`Could not reach ${options.url}.`, undefined, { cause });
      }
      const text = await response.text();
      let body: RawResponse;
      try {
        body = JSON.parse(text) as RawResponse;
      } catch {
        throw new TransportError(
          `${options.url} answered ${response.status} without a GraphQL response: ${text.slice(0, 200)}`,
          response.status,
        );
      }
      if (body.errors?.length) {
        throw new GraphQLRequestError(
          body.errors.map(toDetail),
          body.data ?? null,
          response.status,
        );
      }
      if (!response.ok || body.data == null) {
        throw new TransportError(
          `${options.url} answered ${response.status} without data.`,
          response.status,
        );
      }
      return body.data as never;
    },
  };
}

function toDetail(error: NonNullable<RawResponse['errors']>[number]): GraphQLErrorDetail {
  const { code, ...extensions } = error.extensions ?? {};
  return {
    message: typeof error.message === 'string' ? error.message : 'Unknown error',
    code: typeof code === 'string' ? code : 'UNKNOWN',
    ...(Array.isArray(error.path) ? { path: error.path as Array<string | number> } : {}),
    extensions,
  };
}
