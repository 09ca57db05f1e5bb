// Belarusian Cyrillic -> Latin for the MRZ and the Latin name fields, per ICAO Doc 9303 Part 3, section 6
// (transliteration of Cyrillic characters, with the Belarusian letters І and Ў). ICAO maps Ь and the
// apostrophe to nothing and ШЧ to SHCH (Ш + Ч). Letters outside the table are kept if already Latin A-Z.

const TABLE: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'H',
  Ґ: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'IO',
  Ж: 'ZH',
  З: 'Z',
  І: 'I',
  И: 'I',
  Й: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ў: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ы: 'Y',
  Ь: '',
  Ъ: '',
  Э: 'E',
  Ю: 'IU',
  Я: 'IA',
};

const DROPPED = new Set(["'", '’', 'ʼ', '‘']);

/** Transliterates a Belarusian name to upper-case Latin; hyphens and spaces are kept for the caller. */
export function transliterateBelarusian(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFC').toUpperCase()) {
    if (DROPPED.has(ch)) continue;
    const mapped = TABLE[ch];
    if (mapped !== undefined) out += mapped;
    else if (/[A-Z \-]/.test(ch)) out += ch;
    else throw new RangeError(`cannot transliterate character "${ch}"`);
  }
  return out.replace(/\s+/g, ' ').trim();
}
