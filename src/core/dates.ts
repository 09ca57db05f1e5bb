// Calendar dates travel as "YYYY-MM-DD" in JSON and as the integer YYYYMMDD in the QR payload (5 bytes of CBOR
// instead of 11 for the text). Times are NumericDate: whole seconds since the epoch (RFC 8392 section 2).

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDate(y: number, m: number, d: number): boolean {
  if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** A real calendar date written YYYY-MM-DD (checked by arithmetic: this runs for every date of every QR). */
export function isValidDate(text: string): boolean {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') return false;
  return realDate(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
}

export function dateToInt(text: string): number {
  if (!isValidDate(text)) throw new RangeError(`not a valid date (YYYY-MM-DD): ${text}`);
  return Number(text.replaceAll('-', ''));
}

/** Returns undefined for integers that are not a real calendar date. */
export function intToDate(n: number): string | undefined {
  if (!Number.isSafeInteger(n) || n < 18000101 || n > 99991231) return undefined;
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  if (!realDate(y, m, d)) return undefined;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
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
