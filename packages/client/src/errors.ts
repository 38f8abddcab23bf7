import type { ResponseMetadata } from './client.js';
import type { ErrorCode } from './generated/enums.js';

/** One error of a GraphQL response, with the code the API gave it. */
export interface GraphQLErrorDetail {
  message: string;
  /** The API's stable code; `UNKNOWN` if the server sent none. */
  code: ErrorCode | 'UNKNOWN' | (string & {});
  path?: ReadonlyArray<string | number>;
  /** Everything else the server put in `extensions`, such as `argument`. */
  extensions: Record<string, unknown>;
}

/** The API answered, with errors. `data` holds whatever part of the answer was produced. */
export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  readonly errors: readonly GraphQLErrorDetail[];
  /** The code of the first error, for the common case of branching on one. */
  readonly code: GraphQLErrorDetail['code'];
  readonly data: unknown;
  readonly status: number;
  /** What the answer's headers said: a rate limit's `retryAfterSeconds`, the request's ID. */
  readonly metadata: ResponseMetadata | undefined;

  constructor(
    errors: GraphQLErrorDetail[],
    data: unknown,
    status: number,
    metadata?: ResponseMetadata,
  ) {
    super(errors.map((error) => `${error.code}: ${error.message}`).join('\n'));
    this.errors = errors;
    this.code = errors[0]?.code ?? 'UNKNOWN';
    this.data = data;
    this.status = status;
    this.metadata = metadata;
  }

  /** True when any of the errors carries this code. */
  has(code: GraphQLErrorDetail['code']): boolean {
    return this.errors.some((error) => error.code === code);
  }
}

/** The request did not reach the API, or the API did not answer with GraphQL. */
export class TransportError extends Error {
  override name = 'TransportError';
  readonly status: number | undefined;

  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}
