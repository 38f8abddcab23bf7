/**
 * Errors of the connection to the database, as `pg` and PostgreSQL report them: the server
 * asking is fine, the database is away (stopped, restarting, unreachable, out of connections).
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
  // A server that was the leader and is now a replica (a failover): the next try reaches the
  // new leader.
  '25006',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string } | undefined;
  return (
    (candidate?.code !== undefined && UNAVAILABLE_CODES.has(candidate.code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      candidate?.message ?? '',
    )
  );
}
