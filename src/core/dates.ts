// Calendar dates travel as "YYYY-MM-DD" in JSON and as the integer YYYYMMDD in the QR payload (5 bytes of CBOR
// instead of 11 for the text). Times are NumericDate: whole seconds since the epoch (RFC 8392 section 2).

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1800 || mo < 1 || mo > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

export function dateToInt(text: string): number {
  if (!isValidDate(text)) throw new RangeError(`not a valid date (YYYY-MM-DD): ${text}`);
  return Number(text.replaceAll('-', ''));
}

/** Returns undefined for integers that are not a real calendar date. */
export function intToDate(n: number): string | undefined {
  if (!Number.isSafeInteger(n) || n < 18000101 || n > 99991231) return undefined;
  const s = String(n);
  const text = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return isValidDate(text) ? text : undefined;
}

/** Seconds at 00:00:00 UTC of the given date. */
export function dateStartSeconds(text: string): number {
  return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / 1000;
}

/** A document is valid through its expiry date, so it expires at 00:00 UTC of the following day. */
export function expirySeconds(expiryDate: string): number {
  return dateStartSeconds(expiryDate) + 86_400;
}

export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const rest = date.slice(4);
  // 29 February plus N years lands on 28 February in non-leap years.
  const candidate = `${y}${rest}`;
  return isValidDate(candidate) ? candidate : `${y}-02-28`;
}
