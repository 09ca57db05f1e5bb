// Dates and times in the reader's language, for the verifier page and the staff console. Browsers carry
// locale data for their own interface languages only: Chromium formats neither Belarusian nor Georgian
// dates (it answers in its default locale). Those get numeric dates (DD.MM.YYYY, as written in both).

const intlKnows = new Map<string, boolean>();

/** Whether this browser really formats dates and relative times in `lang`. */
export function hasIntl(lang: string): boolean {
  let known = intlKnows.get(lang);
  if (known === undefined) {
    // supportedLocalesOf() is not enough: Chromium lists 'be' there, then formats in the default locale.
    const base = (locale: string) => locale.split('-')[0];
    // Nor is resolvedOptions(): a locale listed without its data formats with the root patterns ("M12").
    const month = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(
      Date.UTC(2026, 11, 1),
    );
    known =
      base(new Intl.DateTimeFormat(lang).resolvedOptions().locale) === lang &&
      base(new Intl.RelativeTimeFormat(lang).resolvedOptions().locale) === lang &&
      !/^M\d+$/.test(month);
    intlKnows.set(lang, known);
  }
  return known;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The browser's own variant of `lang` (en-GB writes 1 Dec 2026, en-US Dec 1, 2026), else `lang`. */
function localeFor(lang: string): string {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return preferred.find((l) => l.toLowerCase().split('-')[0] === lang) ?? lang;
}

/** A local date and time (seconds since the epoch). */
export function formatTime(lang: string, s: number): string {
  const d = new Date(s * 1000);
  if (hasIntl(lang))
    return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A local date and time from an ISO 8601 string (what the API answers). */
export const formatIso = (lang: string, iso: string) => formatTime(lang, Date.parse(iso) / 1000);

/** A calendar date (YYYY-MM-DD, or the date part of an ISO time): no time zone shift. */
export function formatDay(lang: string, day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (!hasIntl(lang)) return `${two(d)}.${two(m)}.${y}`;
  return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, d),
  );
}
