import { builder } from '../builder.js';
import { ErrorCode } from '../shared/errors.js';

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

export const ErrorInterface = builder.interfaceRef<Error & { code: string }>('Error').implement({
  description: 'An expected failure of a mutation. Nothing of the mutation was stored.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, and how to fix it.' }),
    code: t.exposeString('code', {
      description: 'The stable code of the failure, one of the values of `ErrorCode`.',
    }),
  }),
});

const FieldErrorType = builder.objectRef<FieldError>('FieldError').implement({
  description: 'One field of the input that breaks a rule.',
  fields: (t) => ({
    path: t.exposeStringList('path', {
      description: 'Where in the input, such as `["input", "title"]`.',
    }),
    message: t.exposeString('message', { description: 'What is wrong and what to send instead.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input breaks one or more rules; each is listed in `fieldErrors`.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldErrorType],
      description: 'Every offending field, with how to fix it.',
      resolve: (error) => error.fieldErrors,
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The record named does not exist.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({
    typename: t.exposeString('typename', { description: 'The type of record looked for.' }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description:
    'The change collides with the current state: the record changed since it was read (read it again and reapply), an idempotency key was reused for another input, or other records still point at it.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', {
      nullable: true,
      description: 'The record’s version now, when the conflict is a stale version.',
    }),
  }),
});

/** The typed errors every mutation can answer with. */
export const mutationErrors = [ValidationError, NotFoundError, ConflictError];
