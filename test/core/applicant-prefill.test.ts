// What an application takes from the person's record: same-name fields, fields of another name, the full
// name; nothing empty, nothing longer than its field allows.
import { describe, expect, it } from 'vitest';
import { prefillFromApplicant, prefillSources } from '../../src/core/applicant-prefill.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';

const types = new DocumentTypeRegistry();
const schema = (name: string) => types.byName(name)!.schema;
const person = {
  surname: 'Навіцкая',
  givenNames: 'Кацярына',
  patronymic: 'Аляксандраўна',
  birthDate: '1990-03-15',
  birthPlace: '',
  sex: 'F',
};

describe('prefill from the applicant record', () => {
  it('fills same-name fields and leaves out empty ones', () => {
    expect(prefillFromApplicant(schema('birth-certificate'), person)).toEqual({
      surname: 'Навіцкая',
      givenNames: 'Кацярына',
      patronymic: 'Аляксандраўна',
      birthDate: '1990-03-15',
      sex: 'F',
    });
  });

  it('fills a field of another name from the full name or a record field', () => {
    expect(prefillFromApplicant(schema('power-of-attorney-attestation'), person)).toEqual({
      principalName: 'Навіцкая Кацярына Аляксандраўна',
      principalBirthDate: '1990-03-15',
    });
    expect(prefillFromApplicant(schema('marriage-certificate'), { ...person, patronymic: null })).toEqual({
      spouse1NameAfter: 'Навіцкая Кацярына',
      spouse1BirthDate: '1990-03-15',
    });
    expect(prefillSources(schema('name-change-certificate')).sort()).toEqual([
      ['birthDate', 'birthDate'],
      ['nameAfter', 'fullName'],
    ]);
  });

  it('tells the copied fields (kept up to date) from the composed ones (suggestions)', () => {
    expect(prefillFromApplicant(schema('power-of-attorney-attestation'), person, true)).toEqual({});
    expect(prefillSources(schema('name-change-certificate'), true)).toEqual([['birthDate', 'birthDate']]);
  });

  it('leaves a full name longer than its field for the clerk to enter', () => {
    const long = { ...person, surname: 'Ш'.repeat(50), givenNames: 'Г'.repeat(50) };
    expect(prefillFromApplicant(schema('power-of-attorney-attestation'), long)).toEqual({
      principalBirthDate: '1990-03-15',
    });
  });

  it('names only fields the schema has', () => {
    for (const t of types.all())
      for (const [field] of prefillSources(t.schema))
        expect(t.schema.properties, `${t.name}.${field}`).toHaveProperty(field);
  });
});
