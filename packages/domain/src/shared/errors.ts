import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes.js';

/**
 * The errors of the API, one family. A `ClientError` is a request the client can fix, answered
 * in `errors` with its code; the three typed errors below are the expected failures of a
 * mutation, answered as members of its result union (their GraphQL types are in
 * `error-types.ts`). Nothing of a failed mutation is stored.
 */

/** An error the client caused and can fix; its message says how. */
export class ClientError extends GraphQLError {
  constructor(
    code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
    /** The HTTP status to answer with, when the error stops the whole request. */
    httpStatus?: number,
  ) {
    super(message, {
      extensions: { code, ...extensions, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
    });
    this.name = 'ClientError';
  }
}

/** One thing wrong with an input: where, what, and how to fix it. */
export interface FieldError {
  /** The path of the input field, such as `["input", "presenters", "2", "person"]`. */
  path: string[];
  message: string;
}

/** The input breaks one or more rules; nothing was stored. */
export class ValidationError extends Error {
  readonly code = ErrorCode.VALIDATION_FAILED;
  constructor(readonly fieldErrors: FieldError[]) {
    super(
      fieldErrors.length === 1
        ? `Invalid input: ${fieldErrors[0]!.message}`
        : `Invalid input in ${fieldErrors.length} places; see fieldErrors.`,
    );
    this.name = 'ValidationError';
  }
}

/** Fails a write with every field error at once, when there are any. */
export function rejectIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}

/** The record named does not exist (or no longer does); nothing was stored. */
export class NotFoundError extends Error {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(
    readonly typename: string,
    readonly id: string,
  ) {
    super(`No ${typename} has this ID; it may have been deleted.`);
    this.name = 'NotFoundError';
  }
}

/** The change collides with the current state; nothing was stored. */
export class ConflictError extends Error {
  readonly code = ErrorCode.CONFLICT;
  constructor(
    message: string,
    readonly currentVersion: number | null = null,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The typed errors every mutation can answer with: the errors plugin's defaults. */
export const mutationErrors = [ValidationError, NotFoundError, ConflictError];

/** The error for a field the viewer may not use: who they are decides which. */
export function unauthorized(context: { viewer: { role: string } }): ClientError {
  return context.viewer.role === 'anonymous'
    ? new ClientError(
        ErrorCode.UNAUTHENTICATED,
        'This needs an API token: send `Authorization: Bearer <token>`.',
      )
    : new ClientError(
        ErrorCode.FORBIDDEN,
        'Your token’s role may not do this; it needs an admin token.',
      );
}
