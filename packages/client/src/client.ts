import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { type GraphQLErrorDetail, GraphQLRequestError, TransportError } from './errors.js';

export interface ClientOptions {
  /** The GraphQL endpoint, such as `http://localhost:4000/graphql` (or `/graphql` in a browser). */
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
  /** How queries are sent unless a request says otherwise; mutations always go by POST. */
  method?: 'GET' | 'POST';
}

/** What one request may add to the client's defaults. */
export interface RequestOptions {
  /** Aborts the request (a component that unmounts, a filter that changed). */
  signal?: AbortSignal;
  /** Headers for this request only, such as `Accept-Language`. */
  headers?: Record<string, string>;
  /**
   * GET puts the operation in the URL, by its trusted document ID when the client sends IDs:
   * an answer a browser or a shared cache may keep. Mutations are always sent by POST.
   */
  method?: 'GET' | 'POST';
  /**
   * The browser's HTTP cache mode for this request, such as `no-cache` to ask the API again for
   * an answer a GET by ID let the browser keep. Left to fetch's default when unset.
   */
  cache?: 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';
}

/** What the API said about an answer besides its data. */
export interface ResponseMetadata {
  status: number;
  /** The language the names are in (`Content-Language`), such as `pt`. */
  language: string | undefined;
  /** The caller's request budget, when the API limits requests (`RateLimit-*` headers). */
  rateLimit: { limit: number; remaining: number; resetSeconds: number } | undefined;
  /** How long to wait before asking again, after a refusal for too many requests. */
  retryAfterSeconds: number | undefined;
  /** The API's ID of the request (`X-Request-Id`), to quote when reporting a problem. */
  requestId: string | undefined;
  /** Every header of the answer, for anything else. */
  headers: Headers;
}

/** Variables are optional for operations that have no required ones. */
type VariablesArgument<Variables> =
  Record<string, never> extends Variables
    ? [variables?: Variables, options?: RequestOptions]
    : [variables: Variables, options?: RequestOptions];

/** A document the code generator made: typed, printable, and carrying its trusted ID. */
export type TypedDocument<Result, Variables> = DocumentTypeDecoration<Result, Variables> & {
  toString(): string;
};

export interface Client {
  /**
   * Runs an operation and returns its typed data. Throws `GraphQLRequestError` when the API
   * answers with errors and `TransportError` when no GraphQL answer arrives.
   */
  request<Result, Variables>(
    document: TypedDocument<Result, Variables>,
    ...args: VariablesArgument<NoInfer<Variables>>
  ): Promise<Result>;
  /** Like `request`, and also returns what the answer's headers say (language, rate limit). */
  requestWithMetadata<Result, Variables>(
    document: TypedDocument<Result, Variables>,
    ...args: VariablesArgument<NoInfer<Variables>>
  ): Promise<{ data: Result; metadata: ResponseMetadata }>;
}

interface RawResponse {
  data?: unknown;
  errors?: Array<{ message?: unknown; path?: unknown; extensions?: Record<string, unknown> }>;
}

/** The trusted document ID code generation gave an operation, when it gave one. */
export function documentIdOf(document: object): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash : undefined;
}

const MUTATION = /^\s*mutation\b/;

const numberHeader = (headers: Headers, name: string): number | undefined => {
  const value = headers.get(name);
  return value === null || value === '' || !Number.isFinite(Number(value))
    ? undefined
    : Number(value);
};

function metadataOf(response: Response): ResponseMetadata {
  const { headers } = response;
  const limit = numberHeader(headers, 'ratelimit-limit');
  const remaining = numberHeader(headers, 'ratelimit-remaining');
  const resetSeconds = numberHeader(headers, 'ratelimit-reset');
  return {
    status: response.status,
    language: headers.get('content-language') ?? undefined,
    rateLimit:
      limit !== undefined && remaining !== undefined
        ? { limit, remaining, resetSeconds: resetSeconds ?? 0 }
        : undefined,
    retryAfterSeconds: numberHeader(headers, 'retry-after'),
    requestId: headers.get('x-request-id') ?? undefined,
    headers,
  };
}

export function createClient(options: ClientOptions): Client {
  const send = options.fetch ?? globalThis.fetch;
  const baseHeaders: Record<string, string> = {
    accept: 'application/graphql-response+json, application/json',
    ...options.headers,
  };
  if (options.token) baseHeaders.authorization = `Bearer ${options.token}`;

  /** The request to send: by GET in the URL, or by POST as JSON; by ID or by text. */
  function compose(
    document: TypedDocument<unknown, unknown>,
    variables: unknown,
    requestOptions: RequestOptions,
  ): { url: string; init: RequestInit } {
    const text = document.toString();
    const id = options.documentIds ? documentIdOf(document) : undefined;
    const operation: Record<string, string> = id ? { documentId: id } : { query: text };
    const method = MUTATION.test(text) ? 'POST' : (requestOptions.method ?? options.method);
    const headers = { ...baseHeaders, ...requestOptions.headers };
    if (method === 'GET') {
      const params = new URLSearchParams({
        ...operation,
        variables: JSON.stringify(variables ?? {}),
      });
      const separator = options.url.includes('?') ? '&' : '?';
      return {
        url: `${options.url}${separator}${params}`,
        // Apollo's CSRF prevention runs a GET only when it carries a header a plain form cannot.
        init: {
          method: 'GET',
          headers: { ...headers, 'apollo-require-preflight': 'true' },
          signal: requestOptions.signal,
          ...(requestOptions.cache ? { cache: requestOptions.cache } : {}),
        },
      };
    }
    return {
      url: options.url,
      init: {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ ...operation, variables: variables ?? {} }),
        signal: requestOptions.signal,
      },
    };
  }

  async function run(
    document: TypedDocument<unknown, unknown>,
    variables: unknown,
    requestOptions: RequestOptions = {},
  ): Promise<{ data: unknown; metadata: ResponseMetadata }> {
    const { url, init } = compose(document, variables, requestOptions);
    let response: Response;
    try {
      response = await send(url, init);
    } catch (cause) {
      // An abort is the caller's own doing: it stays an AbortError, for callers that ignore it.
      if (requestOptions.signal?.aborted) throw requestOptions.signal.reason ?? cause;
      throw new TransportError(`Could not reach ${options.url}.`, undefined, { cause });
    }
    const text = await response.text();
    const metadata = metadataOf(response);
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
        metadata,
      );
    }
    if (!response.ok || body.data == null) {
      throw new TransportError(
        `${options.url} answered ${response.status} without data.`,
        response.status,
      );
    }
    return { data: body.data, metadata };
  }

  return {
    async request(document, ...[variables, requestOptions]) {
      return (await run(document as TypedDocument<unknown, unknown>, variables, requestOptions))
        .data as never;
    },
    async requestWithMetadata(document, ...[variables, requestOptions]) {
      return (await run(
        document as TypedDocument<unknown, unknown>,
        variables,
        requestOptions,
      )) as never;
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
