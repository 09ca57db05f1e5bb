// The closed list of purposes a host state recognises New Belarus documents for (issue 26). A public
// contract like the reason codes: statements, the API, the CLI and the page use these strings; never rename
// one, add new ones at the end. docs/recognition.md section 3 says what each covers.

export const PURPOSES = [
  'travel',
  'identity',
  'residence',
  'employment',
  'civil-registration',
  'private',
] as const;

export type Purpose = (typeof PURPOSES)[number];

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}

/** English names, for the CLI and as the fallback of every other catalogue. */
export const PURPOSE_NAMES: Record<Purpose, string> = {
  travel: 'entry and travel',
  identity: 'identity check',
  residence: 'residence and protection procedures',
  employment: 'employment',
  'civil-registration': 'civil registration',
  private: 'banking and other private use',
};
