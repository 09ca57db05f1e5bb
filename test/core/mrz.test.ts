import { parse } from 'mrz';
import { describe, expect, it } from 'vitest';
import { checkDigit, td3, mrzName, td3NameField } from '../../src/core/mrz.js';
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

describe('names too long for the TD3 name field (ICAO 9303 Part 3 4.6, Part 4 4.2.3.2)', () => {
  const line1 = (surname: string, given: string) =>
    td3({
      documentCode: 'PP',
      issuingState: 'UTO',
      nationality: 'BLR',
      surname,
      givenNames: given,
      number: 'PA1234567',
      birthDate: '1990-03-15',
      sex: 'F',
      expiryDate: '2036-12-02',
    });
  it.each([
    // A long double surname: the given names are cut, the surname kept whole.
    ['ULADZIMIRAVA-YORSH', 'MARIANA ULADZISLAVA ALIAKSANDRA', 'ULADZIMIRAVA YORSH', 'MARIANA ULADZISLAVA'],
    // A surname that alone (nearly) fills the field: cut, leaving << and the given name's initial.
    ['SVIATAPOLK-MIRSKAIA-ZAVADSKAIA-RADZIVIL', 'KATSIARYNA', 'SVIATAPOLK MIRSKAIA ZAVADSKAIA RADZI', 'K'],
    // The longest names the schemas allow (60 letters each).
    ['A'.repeat(60), 'B'.repeat(60), 'A'.repeat(36), 'B'],
  ])(
    '%s / %s: the parser still finds the surname and a given name',
    (surname, given, parsedSurname, parsedGiven) => {
      const lines = line1(surname, given);
      expect(lines[0]).toHaveLength(44);
      const parsed = parse(lines, { autocorrect: false });
      // UTO is ICAO's specimen state, which the parser does not list; everything else must hold.
      expect(parsed.details.filter((d) => !d.valid && d.field !== 'issuingState')).toEqual([]);
      expect(parsed.fields.lastName).toBe(parsedSurname);
      expect(parsed.fields.firstName).toBe(parsedGiven);
      // Truncated: the field ends in a letter, the signal that the name may go on.
      expect(lines[0].slice(5)).toMatch(/[A-Z]$/);
    },
  );

  it('leaves a name that fits as it is, with fillers after it', () => {
    expect(td3NameField('NAVITSKAIA', 'KATSIARYNA')).toBe(`NAVITSKAIA<<KATSIARYNA${'<'.repeat(17)}`);
  });
});
