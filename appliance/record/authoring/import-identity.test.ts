import { describe, expect, it } from 'vitest';
import { importedIdentity, namesIdentity, withIdentity } from './import-identity.ts';

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
