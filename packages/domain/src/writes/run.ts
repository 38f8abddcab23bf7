import { createHash } from 'node:crypto';
import type { Database } from '@mch/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Context } from '../context.js';
import { ConflictError, type FieldError, ValidationError } from './errors.js';
import { textProblem } from './fields.js';

/** A change as the audit trail records it. */
export interface Change {
  action: string;
  recordType: string;
  recordId: string;
  before: unknown;
  after: unknown;
}

/** A record as the audit trail shows it: every column but the search text. */
export async function snapshot(
  db: Kysely<Database>,
  table: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  const result = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(t) - 'search_vector' as row from ${sql.table(table)} t where t.id = ${id}`.execute(
    db,
  );
  return result.rows[0]?.row ?? null;
}

export interface WriteScope {
  trx: Transaction<Database>;
  /** Appends a change to the audit trail, in the same transaction as the change. */
  audit(change: Change): Promise<void>;
}

/** Fails a write with every field error at once, when there are any. */
export function rejectIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}

/**
 * Runs a write as one transaction: all of it is stored, with its audit trail, or none of it.
 * Database constraint failures become the typed errors clients handle.
 */
export async function runWrite<T>(
  ctx: Context,
  work: (scope: WriteScope) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction(ctx, work);
    } catch (error) {
      // PostgreSQL undid the whole transaction to break a lock cycle with another writer (or a
      // serialization conflict): nothing of it was stored, so it is run again from the start.
      const code = (error as { code?: string }).code;
      if ((code === '40P01' || code === '40001') && attempt < WRITE_ATTEMPTS) continue;
      throw translateDatabaseError(error);
    }
  }
}

/** How many times a write is tried when the database breaks a deadlock by undoing it. */
const WRITE_ATTEMPTS = 3;

function transaction<T>(ctx: Context, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute((trx) =>
    work({
      trx,
      audit: async (change) => {
        await trx
          .insertInto('audit_event')
          .values({
            actor_token_id: ctx.viewer.tokenId ?? null,
            actor_name: ctx.viewer.tokenName ?? null,
            request_id: ctx.requestId ?? null,
            action: change.action,
            record_type: change.recordType,
            record_id: change.recordId,
            before: change.before === null ? null : JSON.stringify(change.before),
            after: change.after === null ? null : JSON.stringify(change.after),
          })
          .execute();
      },
    }),
  );
}

/** PostgreSQL's own refusals, said in the API's terms. */
export function translateDatabaseError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  const constraint = (error as { constraint?: string }).constraint ?? 'a constraint';
  if (code === '23505') {
    return new ConflictError(`A record with the same unique value already exists (${constraint}).`);
  }
  if (code === '23503') {
    return new ConflictError(
      `Other records still point at this one (${constraint}); change or delete them first.`,
    );
  }
  if (code === '23514' || code === '23502' || code === '22001') {
    return new ValidationError([
      { path: ['input'], message: `The values break a rule of the record (${constraint}).` },
    ]);
  }
  return error;
}

/** A stable digest of an input, to tell a retry from another request under the same key. */
export function inputDigest(input: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/**
 * Creates a record at most once per idempotency key: a retry with the same key and the same
 * input answers with the record the first request created; the same key with another input is
 * a conflict. Without a key, every request creates.
 */
export async function createOnce(
  ctx: Context,
  operation: string,
  input: Record<string, unknown> & { idempotencyKey?: string | null },
  create: (scope: WriteScope) => Promise<string>,
): Promise<{ id: string; replayed: boolean }> {
  const { idempotencyKey, ...rest } = input;
  const tokenId = ctx.viewer.tokenId;
  const problem = idempotencyKey == null ? undefined : textProblem(idempotencyKey, 200);
  if (problem) {
    throw new ValidationError([
      {
        path: ['input', 'idempotencyKey'],
        message: `\`idempotencyKey\` ${problem}; use a fresh random string, such as a UUID, per new record.`,
      },
    ]);
  }
  if (!idempotencyKey || !tokenId) return { id: await runWrite(ctx, create), replayed: false };
  const digest = inputDigest(rest);
  const replay = async () => {
    const earlier = await ctx.db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('token_id', '=', tokenId)
      .where('key', '=', idempotencyKey)
      .executeTakeFirst();
    if (!earlier) return undefined;
    if (earlier.operation !== operation || earlier.request_hash !== digest) {
      throw new ConflictError(
        'This idempotency key was used before for a different request; use a new key for a new record.',
      );
    }
    return { id: earlier.record_id, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const id = await runWrite(ctx, async (scope) => {
      const created = await create(scope);
      await scope.trx
        .insertInto('idempotency_key')
        .values({
          key: idempotencyKey,
          token_id: tokenId,
          operation,
          request_hash: digest,
          record_id: created,
        })
        .execute();
      return created;
    });
    return { id, replayed: false };
  } catch (error) {
    // The same key raced in from another request and won: answer with its record.
    if (error instanceof ConflictError && error.message.includes('idempotency_key_pkey')) {
      const raced = await replay();
      if (raced) return raced;
    }
    throw error;
  }
}
