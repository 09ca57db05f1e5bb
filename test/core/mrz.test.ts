import { parse } from 'mrz';
import { describe, expect, it } from 'vitest';
import { checkDigit, td3, mrzName } from '../../src/core/mrz.js';
import { transliterateBelarusian } from '../../src/core/transliterate.js';

describe('TD3 MRZ (ICAO 9303-4 4.2.2)', () => {
  it('reproduces the ICAO specimen', () => {
    const lines = td3({
      documentCode: 'P<',
      issuingState: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      number: 'L898902C3',
      nationality: 'UTO',
      birthDate: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: 'ZE184226B',
    });
    expect(lines).toEqual([
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    ]);
  });

  it('computes check digits per 9303-3 4.9', () => {
    expect(checkDigit('L898902C3')).toBe('6');
    expect(checkDigit('740812')).toBe('2');
    expect(checkDigit('<<<<<<<<<<<<<<')).toBe('0');
  });

  it.each([
    ['Ганна-Марыя', 'HANNA<MARYIA'],
    ["Вераб'ёў", 'VERABIOU'],
  ])('writes %s as %s', (cyr, mrz) => {
    expect(mrzName(transliterateBelarusian(cyr))).toBe(mrz);
  });

  it('produces zones the independent mrz parser accepts, for Belarusian names and a 14-character personal number', () => {
    for (const [surname, given, sex, pn] of [
      ['Навіцкая', 'Кацярына', 'F', '4150390A001PB1'],
      ['Шчаглоў', 'Уладзіслаў', 'M', undefined],
      ['Бяляцкая-Рудзь', 'Ганна-Марыя Святлана Аляксандра', 'X', '3010101M000AA2'],
    ] as const) {
      const lines = td3({
        documentCode: 'PP',
        issuingState: 'UTO',
        surname: transliterateBelarusian(surname),
        givenNames: transliterateBelarusian(given),
        number: 'PA7K3QX2M',
        nationality: 'BLR',
        birthDate: '1990-03-15',
        sex,
        expiryDate: '2036-11-25',
        ...(pn ? { personalNumber: pn } : {}),
      });
      expect(lines.every((l) => l.length === 44)).toBe(true);
      const result = parse(lines);
      // mrz does not know the specimen state UTO; every other field must be valid.
      const problems = result.details.filter((d) => !d.valid && d.field !== 'issuingState');
      expect(problems, JSON.stringify(problems)).toEqual([]);
      expect(result.fields.documentNumber).toBe('PA7K3QX2M');
      expect(result.fields.nationality).toBe('BLR');
    }
  });

  it('refuses document numbers longer than 9 characters', () => {
    expect(() =>
      td3({
        documentCode: 'PP',
        issuingState: 'UTO',
        surname: 'A',
        givenNames: 'B',
        number: 'PA12345678',
        nationality: 'BLR',
        birthDate: '1990-01-01',
        sex: 'F',
        expiryDate: '2030-01-01',
      }),
    ).toThrow(RangeError);
  });
});
