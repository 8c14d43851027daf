import { describe, expect, it } from 'vitest';
import {
  birthDateOf,
  importedIdentity,
  namesIdentity,
  withFullBirthDate,
  withIdentity,
} from './import-identity.ts';

const bundle = (patient: Record<string, unknown>) => ({
  resourceType: 'Bundle',
  type: 'document',
  entry: [
    {
      fullUrl: 'urn:uuid:c',
      resource: { resourceType: 'Composition', subject: { reference: 'urn:uuid:p' } },
    },
    { fullUrl: 'urn:uuid:p', resource: { resourceType: 'Patient', ...patient } },
  ],
});
const DAVE = bundle({
  name: [
    { use: 'usual', family: 'deBronkart', given: ['Dave'] },
    { use: 'nickname', given: ['ePatient Dave'] },
  ],
  birthDate: '1951-01-20',
  gender: 'male',
});

describe('a new record’s identity from an import (issue 16, item 5)', () => {
  it('the imported Patient gives the identity; a partial birth date or no Composition gives none of it', () => {
    expect(importedIdentity(DAVE)).toEqual({
      family: 'deBronkart',
      given: 'Dave',
      birthDate: '1951-01-20',
      sex: 'male',
    });
    expect(importedIdentity(bundle({ name: [{ family: 'X' }], birthDate: '1951' }))).toEqual({ family: 'X' });
    expect(importedIdentity({ resourceType: 'Bundle', entry: [] })).toEqual({});
  });

  it('HZ-23 compared as an update compares: family name (case aside) and birth date; the given name does not decide', () => {
    const id = { family: 'DEBRONKART', given: 'David', birthDate: '1951-01-20' };
    expect(namesIdentity(DAVE, id)).toBe(true);
    expect(namesIdentity(DAVE, { ...id, birthDate: '1951-01-21' })).toBe(false);
    expect(namesIdentity(DAVE, { ...id, family: 'Bronkart' })).toBe(false);
    expect(namesIdentity({ entry: [] }, id)).toBe(false);
  });

  it('HZ-23 an import’s partial birth date (year, or year and month) names every day within it, and no other', () => {
    const id = { family: 'deBronkart', given: 'Dave', birthDate: '1951-01-20' };
    for (const partial of ['1951', '1951-01'])
      expect(namesIdentity(bundle({ name: [{ family: 'deBronkart' }], birthDate: partial }), id)).toBe(true);
    for (const partial of ['1952', '1951-02', '195', '1951-1'])
      expect(namesIdentity(bundle({ name: [{ family: 'deBronkart' }], birthDate: partial }), id)).toBe(false);
    const yearOnly = bundle({ name: [{ family: 'deBronkart' }], birthDate: '1951' });
    expect(birthDateOf(withFullBirthDate(yearOnly, '1951-01-20'))).toBe('1951-01-20');
    expect(birthDateOf(withFullBirthDate(yearOnly, '1950-12-31'))).toBe('1951');
    expect(birthDateOf(withFullBirthDate(DAVE, '1951-01-21'))).toBe('1951-01-20');
    expect(birthDateOf(yearOnly)).toBe('1951');
  });

  it('the record carries the identity as checked; the import itself is not changed', () => {
    const copy = withIdentity(DAVE, {
      family: 'deBronkart',
      given: 'David',
      birthDate: '1951-01-20',
      sex: 'male',
    });
    const patient = (copy as typeof DAVE).entry[1]!.resource as Record<string, unknown>;
    expect(patient.name).toEqual([
      { use: 'usual', family: 'deBronkart', given: ['David'] },
      { use: 'nickname', given: ['ePatient Dave'] },
    ]);
    expect((DAVE.entry[1]!.resource as unknown as { name: unknown[] }).name[0]).toMatchObject({
      given: ['Dave'],
    });
    const same = withIdentity(DAVE, { family: 'deBronkart', given: 'Dave', birthDate: '1951-01-20' });
    const kept = (same as typeof DAVE).entry[1]!.resource as unknown as { gender: string; name: unknown[] };
    expect(kept.gender).toBe('male');
    expect(kept.name[0]).toEqual({ use: 'usual', family: 'deBronkart', given: ['Dave'] });
  });
});
