// Date fields typed as people write dates (DD.MM.YYYY, the order Belarusian documents print them in), not
// through the browser's own date control: that one's format follows the browser's interface language, so an
// English Chromium asks for "mm/dd/yyyy" on a Belarusian page and 03.04 means two different days to two
// clerks. The API speaks ISO 8601 (YYYY-MM-DD); these helpers convert at the form's edge.

import { h } from './dom.js';
import { t } from './state.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What was typed, as YYYY-MM-DD: DD.MM.YYYY (one-digit day or month, with '.', '/', '-' or a space) or ISO
 * itself. Anything else is passed on as typed, for the server to say what a date needs (field code DATE).
 */
export function isoDate(text: string): string {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[./\s-](\d{1,2})[./\s-](\d{4})$/.exec(s);
  const parts: [string, string, string] | undefined = iso
    ? [iso[1]!, iso[2]!, iso[3]!]
    : dmy
      ? [dmy[3]!, dmy[2]!, dmy[1]!]
      : undefined;
  if (!parts) return s;
  const [y, m, d] = parts;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** YYYY-MM-DD as DD.MM.YYYY; anything else unchanged. */
export const shownDate = (iso: string) =>
  ISO.test(iso) ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso;

/** A date field: text, numeric keyboard, DD.MM.YYYY; read with apiValue(), filled with setValue(). */
export function dateInput(attrs: Record<string, string | boolean> = {}): HTMLInputElement {
  const input = h('input', {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: 10,
    placeholder: t('dateFormat'),
    'data-date': true,
    ...attrs,
  });
  // Written back the usual way once typed (15.3.1990 or 1990-03-15 shows as 15.03.1990).
  input.addEventListener('change', () => {
    const iso = isoDate(input.value);
    if (ISO.test(iso)) input.value = shownDate(iso);
  });
  return input;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A control's value for the API: dates as YYYY-MM-DD. */
export const apiValue = (c: Control) => ('date' in c.dataset ? isoDate(c.value) : c.value);

/** Fills a control with a value the API gave: dates shown as DD.MM.YYYY. */
export function setValue(c: Control, value: string): void {
  c.value = 'date' in c.dataset ? shownDate(value) : value;
}
