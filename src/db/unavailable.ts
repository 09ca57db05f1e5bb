// Which driver errors mean "the database cannot be reached right now" (retry later) rather than a bug:
// they answer 503 DATABASE_UNAVAILABLE with Retry-After instead of 500 INTERNAL.

// PostgreSQL SQLSTATE classes 08 (connection exception) and 57P (operator intervention: admin shutdown,
// crash shutdown, cannot connect now), PostgreSQL Appendix A; 53300 too many connections; 40P01 deadlock and
// 40001 serialization failure are retryable as well (the transaction was rolled back whole).
const PG_CODES = /^(08\d{3}|57P0[1-4]|53300|40P01|40001)$/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
// pg's own messages for a connection that went away or never came (no code attached).
const PG_MESSAGES = new RegExp(
  [
    'is not currently accepting connections',
    'Connection terminated',
    'connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error',
    'Cannot use a pool after calling end',
  ].join('|'),
  'i',
);

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let err = e, depth = 0; err instanceof Error && depth < 4; err = err.cause, depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && (PG_CODES.test(code) || NODE_CODES.has(code))) return true;
    // SQLite: another process holds the write lock beyond busy_timeout.
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
    if (PG_MESSAGES.test(err.message)) return true;
  }
  return false;
}
