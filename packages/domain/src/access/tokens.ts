import { createHash, randomBytes } from 'node:crypto';
import type { ApiRole, Database } from '@mch/db';
import type { Kysely } from 'kysely';
import type { Viewer } from '../context.js';
import { ErrorCode } from '../shared/error-codes.js';
import { ClientError } from '../shared/errors.js';
import { toIsoInstant } from '../shared/scalars.js';

/**
 * API tokens are 32 random bytes, shown once when made. Only their SHA-256 digest is stored:
 * a stolen copy of the database gives no usable token.
 */
export function newToken(): { token: string; hash: string; prefix: string } {
  const token = `mch_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 12) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Makes a token; the returned `token` is the only copy of the secret. */
export async function createToken(
  db: Kysely<Database>,
  options: { name: string; role: ApiRole; expiresAt?: string | null },
) {
  const made = newToken();
  const row = await db
    .insertInto('api_token')
    .values({
      name: options.name,
      role: options.role,
      token_hash: made.hash,
      token_prefix: made.prefix,
      expires_at: options.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token: made.token, row };
}

const unauthenticated = (message: string) =>
  new ClientError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });

/** What is wrong with an Authorization header that holds no API token. */
function malformed(header: string): string {
  const scheme = /^(\S+)\s+(\S*)/.exec(header);
  if (!scheme || scheme[1]!.toLowerCase() !== 'bearer') {
    return 'The Authorization header must be `Bearer ` followed by an API token (`mch_…`).';
  }
  if (!scheme[2]!.startsWith('mch_')) {
    return 'This is not an API token of this API: its tokens start with `mch_`. Create one with `pnpm mch token create`.';
  }
  return 'This API token is cut short or altered: a token is `mch_` and 43 letters, digits, `-` or `_`, as `pnpm mch token create` printed it. Copy it whole.';
}

/**
 * Who sends a request, from its `Authorization` header: anonymous without one, the token's
 * role with a valid one. A token that is malformed, unknown, expired or revoked is refused
 * outright rather than read as anonymous, so a client never mistakes a rejected key for access.
 */
export async function authenticate(
  db: Kysely<Database>,
  authorization: string | undefined,
): Promise<Viewer> {
  if (!authorization) return { role: 'anonymous' };
  // The scheme's name is case-insensitive (RFC 9110); the token is not.
  const match = /^bearer +(mch_[A-Za-z0-9_-]{43})$/i.exec(authorization.trim());
  if (!match?.[1]?.startsWith('mch_')) throw unauthenticated(malformed(authorization.trim()));
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'name', 'role', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hashToken(match[1]!))
    .executeTakeFirst();
  if (!row) throw unauthenticated('This API token is not known.');
  if (row.revoked_at) throw unauthenticated('This API token was revoked.');
  if (row.expires_at && new Date(toIsoInstant(row.expires_at)) <= new Date()) {
    throw unauthenticated('This API token has expired.');
  }
  return { role: row.role, tokenId: row.id, tokenName: row.name };
}
