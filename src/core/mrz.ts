// ICAO Doc 9303 machine-readable zone for TD3 passports (Part 4, section 4.2.2) with check digits per
// Part 3, section 4.9.

const WEIGHTS = [7, 3, 1];

function charValue(ch: string): number {
  if (ch === '<') return 0;
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new RangeError(`character not allowed in an MRZ: ${JSON.stringify(ch)}`);
}

/** Part 3, 4.9: weights 7, 3, 1 repeating; digits their value, A-Z 10-35, filler 0; sum mod 10. */
export function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i]!) * WEIGHTS[i % 3]!;
  return String(sum % 10);
}

/** Part 3, 4.6 / Part 4, 4.2.3: upper case, apostrophes dropped, hyphens and spaces become fillers. */
export function mrzName(name: string): string {
  const cleaned = name
    .toUpperCase()
    .replace(/['’ʼ‘]/g, '')
    .replace(/[\s-]+/g, '<');
  if (!/^[A-Z<]*$/.test(cleaned)) throw new RangeError(`name must be transliterated to A-Z first: ${name}`);
  return cleaned.replace(/^<+|<+$/g, '');
}

function pad(text: string, length: number): string {
  if (text.length > length) throw new RangeError(`MRZ field longer than ${length}: ${text}`);
  return text.padEnd(length, '<');
}

function yymmdd(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`date must be YYYY-MM-DD: ${date}`);
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

/**
 * The name field of TD3 line 1 (39 characters): PRIMARY<<SECONDARY. Names too long for it are truncated as ICAO
 * 9303 Part 3 (4.6, names) and Part 4 (4.2.3.2) set out: the secondary identifier (given names) is cut first,
 * from the right; the primary identifier (surname) only when it alone leaves no room for the double filler and
 * the first letter of the given names, so that a reader always finds both parts. A truncated field ends in a
 * letter (never a filler), which tells a reader the name may be longer than printed.
 */
export function td3NameField(surname: string, givenNames: string): string {
  return pad(nameFieldOf(surname, givenNames, 39).field, 39);
}

/** The MRZ name field and whether it was cut (the console warns the clerk and approver). */
export function nameFieldOf(
  surname: string,
  givenNames: string,
  width: number,
): { field: string; truncated: boolean } {
  const s = mrzName(surname);
  const g = mrzName(givenNames);
  const whole = g ? `${s}<<${g}` : s;
  if (whole.length <= width) return { field: whole, truncated: false };
  const cut = (text: string, n: number) => text.slice(0, n).replace(/<+$/, '');
  if (!g) return { field: cut(s, width), truncated: true };
  // Room for the surname, the double filler and at least the given names' first letter?
  if (s.length + 3 <= width) return { field: `${s}<<${cut(g, width - s.length - 2)}`, truncated: true };
  return { field: `${cut(s, width - 3)}<<${g[0]}`, truncated: true };
}

export interface Td3Input {
  /** 'P<' (specimen), or the harmonised 'PP' ordinary passport. */
  documentCode: string;
  issuingState: string;
  surname: string;
  givenNames: string;
  number: string;
  nationality: string;
  birthDate: string;
  sex: 'F' | 'M' | 'X';
  expiryDate: string;
  personalNumber?: string;
}

/** Returns the two 44-character lines. @throws {RangeError} for fields that do not fit TD3. */
export function td3(input: Td3Input): [string, string] {
  if (!/^[A-Z<]{2}$/.test(input.documentCode)) throw new RangeError('document code must be 2 characters');
  if (!/^[A-Z<]{3}$/.test(input.issuingState) || !/^[A-Z<]{3}$/.test(input.nationality))
    throw new RangeError('state codes must be 3 letters');
  if (!/^[A-Z0-9]{1,9}$/.test(input.number))
    throw new RangeError('a TD3 document number has at most 9 characters');
  const line1 = `${input.documentCode}${input.issuingState}${td3NameField(input.surname, input.givenNames)}`;
  const number = pad(input.number, 9);
  const birth = yymmdd(input.birthDate);
  const expiry = yymmdd(input.expiryDate);
  const personal = pad(input.personalNumber ?? '', 14);
  if (!/^[A-Z0-9<]{14}$/.test(personal)) throw new RangeError('personal number must be A-Z and 0-9');
  // Part 4, 4.2.2: the personal number check digit is '<' (or 0) when the field is empty.
  const personalCheck = input.personalNumber ? checkDigit(personal) : '<';
  const sex = input.sex === 'X' ? '<' : input.sex;
  const firstPart = `${number}${checkDigit(number)}${input.nationality}${birth}${checkDigit(birth)}${sex}${expiry}${checkDigit(expiry)}${personal}${personalCheck}`;
  // Composite check digit over positions 1-10, 14-20 and 22-43.
  const composite = checkDigit(firstPart.slice(0, 10) + firstPart.slice(13, 20) + firstPart.slice(21, 43));
  const line2 = firstPart + composite;
  return [line1, line2];
}
