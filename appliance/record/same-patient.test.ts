import { describe, expect, it } from 'vitest';
import { samePatient } from './same-patient.ts';

const INS_NIR = 'urn:oid:1.2.250.1.213.1.4.8';
const bundleFor = (patient: Record<string, unknown>) => ({
  resourceType: 'Bundle',
  entry: [
    { resource: { resourceType: 'Composition' } },
    { resource: { resourceType: 'Patient', ...patient } },
  ],
});
const martin = { name: [{ family: 'Martin', given: ['Léa'] }], birthDate: '1980-05-02' };
const withIns = (value: string, system = INS_NIR) => ({ ...martin, identifier: [{ system, value }] });

describe('HZ-23 the same patient', () => {
  it('family name (case, Unicode form, spaces) and birth date equal, no identifiers', () => {
    expect(samePatient(bundleFor(martin), bundleFor({ ...martin, name: [{ family: ' MARTIN ' }] }))).toBe(
      true,
    );
    const nfc = bundleFor({ ...martin, name: [{ family: 'Hélène' }] });
    expect(samePatient(nfc, bundleFor({ ...martin, name: [{ family: 'Hélène'.normalize('NFD') }] }))).toBe(
      true,
    );
  });

  it('another family name or birth date is another patient', () => {
    expect(samePatient(bundleFor(martin), bundleFor({ ...martin, birthDate: '1980-05-03' }))).toBe(false);
    expect(samePatient(bundleFor(martin), bundleFor({ ...martin, name: [{ family: 'Martins' }] }))).toBe(
      false,
    );
  });

  it('the same name and birth date with two different INS are two people', () => {
    expect(samePatient(bundleFor(withIns('180052A00112345')), bundleFor(withIns('280052A00154321')))).toBe(
      false,
    );
  });

  it('the same INS written with spaces or lower case, or an INS on one side only, is the same patient', () => {
    expect(
      samePatient(bundleFor(withIns('180052A00112345')), bundleFor(withIns('1 80 05 2a 001 123 45'))),
    ).toBe(true);
    expect(samePatient(bundleFor(withIns('180052A00112345')), bundleFor(martin))).toBe(true);
  });

  it('identifiers in different schemes do not conflict; one value in common is enough', () => {
    const local = (v: string) => ({ system: 'https://cabinet.example/patients', value: v });
    const a = { ...martin, identifier: [local('42'), { system: INS_NIR, value: '180052A00112345' }] };
    const b = { ...martin, identifier: [{ system: 'https://other.example/mrn', value: '7' }] };
    expect(samePatient(bundleFor(a), bundleFor(b))).toBe(true);
    const c = { ...martin, identifier: [local('41'), local('42')] };
    expect(samePatient(bundleFor(a), bundleFor(c))).toBe(true);
    expect(samePatient(bundleFor(a), bundleFor({ ...martin, identifier: [local('43')] }))).toBe(false);
  });

  it('no Patient, or a hostile identifier list, is never the same patient and never throws', () => {
    expect(samePatient({ entry: [] }, bundleFor(martin))).toBe(false);
    expect(samePatient(null, bundleFor(martin))).toBe(false);
    const hostile = {
      ...martin,
      identifier: [null, 3, { system: '__proto__', value: 'x' }, { system: 'a' }],
    };
    expect(samePatient(bundleFor(hostile), bundleFor(martin))).toBe(true);
    expect(
      samePatient(
        bundleFor(hostile),
        bundleFor({ ...martin, identifier: [{ system: '__proto__', value: 'y' }] }),
      ),
    ).toBe(false);
  });
});
