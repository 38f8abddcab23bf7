import type { Database } from '@mch/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Context } from '../context.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { isTranslatedTable } from '../shared/sql.js';
import { auditedTranslations } from '../translations/translations.writes.js';

/**
 * The one path every write takes: a transaction holding the change and its audit entry, run
 * again when PostgreSQL undoes it to break a deadlock, its refusals said in the API's terms.
 */

/** A change as the audit trail records it. */
export interface Change {
  action: string;
  recordType: string;
  recordId: string;
  before: unknown;
  after: unknown;
}

export interface WriteScope {
  trx: Transaction<Database>;
  /** Appends a change (or several) to the audit trail, in the same transaction as the change. */
  audit(change: Change | Change[]): Promise<void>;
}

/**
 * A record as the audit trail shows it: every column but the search text, and the
 * translations of its name or title where it has them.
 */
export async function snapshot(
  db: Kysely<Database>,
  table: string,
  id: string,
): Promise<Record<string, unknown> | null> {
  const result = await sql<{ row: Record<string, unknown> }>`
    select to_jsonb(t) - 'search_vector' as row from ${sql.table(table)} t where t.id = ${id}`.execute(
    db,
  );
  const row = result.rows[0]?.row;
  if (!row) return null;
  return isTranslatedTable(table)
    ? { ...row, translations: await auditedTranslations(db, table, id) }
    : row;
}

/** Inserts one row of validated column values and returns its key. */
export async function insertRow(
  db: Kysely<Database>,
  table: string,
  values: Record<string, unknown>,
): Promise<string> {
  const inserted = await sql<{ id: string }>`
    insert into ${sql.table(table)} (${sql.join(Object.keys(values).map((column) => sql.ref(column)))})
    values (${sql.join(Object.values(values))}) returning id`.execute(db);
  return inserted.rows[0]!.id;
}

/** Audit entries written by one statement (eight parameters each). */
const AUDIT_SLICE = 1000;

/** How many times a write is tried when the database breaks a deadlock by undoing it. */
const WRITE_ATTEMPTS = 3;

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

function transaction<T>(ctx: Context, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute((trx) =>
    work({
      trx,
      audit: async (changes) => {
        const rows = (Array.isArray(changes) ? changes : [changes]).map((change) => ({
          actor_token_id: ctx.viewer.tokenId ?? null,
          actor_name: ctx.viewer.tokenName ?? null,
          request_id: ctx.requestId ?? null,
          action: change.action,
          record_type: change.recordType,
          record_id: change.recordId,
          before: change.before === null ? null : JSON.stringify(change.before),
          after: change.after === null ? null : JSON.stringify(change.after),
        }));
        // In slices, so that a large import stays within PostgreSQL's parameter limit.
        for (let start = 0; start < rows.length; start += AUDIT_SLICE) {
          await trx
            .insertInto('audit_event')
            .values(rows.slice(start, start + AUDIT_SLICE))
            .execute();
        }
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
