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
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the client caused and can fix; its message says how. */
export class ClientError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'ClientError';
  }
}
