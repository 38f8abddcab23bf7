import { builder } from '../builder.js';
import { errorCodes } from './error-codes.js';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from './errors.js';
import {
  type ImportProblem,
  ImportRejectedError,
  PROBLEMS_LISTED,
  UpstreamError,
} from './import-errors.js';

/** The GraphQL side of the error family: the `Error` interface, the typed errors, the codes. */

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

/**
 * The error codes as a GraphQL enum. No field returns it: it is in the schema so that typed
 * clients generated from the schema know every code the API may send.
 */
builder.enumType('ErrorCode', {
  description:
    'The codes an error of this API carries in `extensions.code`. Branch on the code; the message is for people.',
  values: Object.fromEntries(
    Object.entries(errorCodes).map(([code, description]) => [code, { description }]),
  ),
});

const ImportProblemType = builder.objectRef<ImportProblem>('ImportProblem').implement({
  description: 'One bad row of an import: where it is, which column, and what to fix.',
  fields: (t) => ({
    row: t.exposeInt('row', {
      nullable: true,
      description:
        'The row’s number among the records, from 1; null when the whole input is at fault.',
    }),
    line: t.exposeInt('line', {
      nullable: true,
      description: 'The line of the file the row starts on, for files read by line such as CSV.',
    }),
    column: t.exposeString('column', {
      nullable: true,
      description: 'The column or field at fault, when one is.',
    }),
    message: t.exposeString('message', { description: 'What is wrong and what to send instead.' }),
  }),
});

builder.objectType(ImportRejectedError, {
  name: 'ImportRejectedError',
  description:
    'The input to import has bad rows; nothing of it was stored. Every bad row is listed, so that one round of fixes is enough.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ImportRejectedError,
  fields: (t) => ({
    problems: t.field({
      type: [ImportProblemType],
      description: `Every bad row with what to fix, in input order (at most ${PROBLEMS_LISTED}).`,
      resolve: (error) => error.problems,
    }),
    problemCount: t.exposeInt('problemCount', {
      description: 'How many problems the input has, including those left out of `problems`.',
    }),
  }),
});

builder.objectType(UpstreamError, {
  name: 'UpstreamError',
  description:
    'A service the graph imports from failed or could not be reached; nothing was stored. Try again later.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof UpstreamError,
  fields: (t) => ({
    url: t.exposeString('url', { description: 'The request that failed.' }),
    status: t.exposeInt('status', {
      nullable: true,
      description: 'The HTTP status the service answered with, when it answered.',
    }),
  }),
});
