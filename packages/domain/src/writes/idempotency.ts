import { createHash } from 'node:crypto';
import type { Context } from '../context.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { textProblem } from '../shared/text.js';
import { runWrite, type WriteScope } from './run.js';

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
