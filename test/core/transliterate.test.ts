import { describe, expect, it } from 'vitest';
import { transliterateBelarusian } from '../../src/core/transliterate.js';

// DOMAIN.md section 4, from ICAO 9303 Part 3 section 6.
const pairs: [string, string][] = [
  ['Аляксандр', 'ALIAKSANDR'],
  ['Святлана', 'SVIATLANA'],
  ['Ігар', 'IHAR'],
  ['Міхаіл', 'MIKHAIL'],
  ['Марыя', 'MARYIA'],
  ['Рудзь', 'RUDZ'],
  ['Навіцкі', 'NAVITSKI'],
  ["Вераб'ёў", 'VERABIOU'],
  ['Яўген', 'IAUHEN'],
  ['Кацярына', 'KATSIARYNA'],
  ['Уладзіслаў', 'ULADZISLAU'],
  ['Жыгімонт', 'ZHYHIMONT'],
  ['Шчаглоў', 'SHCHAHLOU'],
  ['Бяляцкі', 'BIALIATSKI'],
  ['Ёсіф', 'IOSIF'],
  ['Ганна-Марыя', 'HANNA-MARYIA'],
  ['Вераб’ёў', 'VERABIOU'],
];

describe('Belarusian transliteration (ICAO 9303-3 section 6)', () => {
  it.each(pairs)('%s -> %s', (cyr, lat) => {
    expect(transliterateBelarusian(cyr)).toBe(lat);
  });

  it('rejects characters it cannot transliterate rather than guessing', () => {
    expect(() => transliterateBelarusian('Müller')).toThrow(RangeError);
    expect(() => transliterateBelarusian('Анна7')).toThrow(RangeError);
  });
});
