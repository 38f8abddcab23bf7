import { GraphQLError } from 'graphql';

/**
 * The stable error codes of the API, sent as `extensions.code`. Clients branch on these; the
 * message is for people and may be reworded.
 */
export const ErrorCode = {
  /** A global ID that is not one of ours, or names another type than the field expects. */
  INVALID_ID: 'INVALID_ID',
  /** A pagination cursor that was not issued by this connection. */
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** An argument outside what the field accepts (page size, date range, code format). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The record asked for does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** The input breaks a rule; `fieldErrors` (or `extensions.fieldErrors`) name each field. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** The record changed since the client read it, or the change collides with another record. */
  CONFLICT: 'CONFLICT',
  /** No valid API token came with a request that needs one. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The token's role may not do this. */
  FORBIDDEN: 'FORBIDDEN',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the client caused and can fix; its message says how. */
export class ClientError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'ClientError';
  }
}

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
