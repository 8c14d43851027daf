import { describe, expect, it } from 'vitest';
import {
  cardIdentity,
  luhnOk,
  professionFromTitle,
  profileIdentity,
  type StaffMapping,
} from './certificate-profile.ts';

const fields = (commonName: string[], serialNumber: string[], title: string[]) => ({
  commonName,
  serialNumber,
  title,
});

describe('professional card certificate profile', () => {
  it('reads name, national id and profession when all three fit the profile', () => {
    expect(profileIdentity(fields(['Dr Claire MARTIN'], ['810000000009'], ['10']))).toEqual({
      name: 'Dr Claire MARTIN',
      nationalId: '810000000009',
      profession: 'doctor',
    });
    expect(profileIdentity(fields(['Marc LEROY'], ['T00000000042'], ['TECH']))?.profession).toBe(
      'technician',
    );
  });

  it('HZ-21 carries no identity with a bad RPPS key, an unknown title, a blank or repeated field', () => {
    expect(profileIdentity(fields(['Dr X'], ['810000000008'], ['10']))).toBeUndefined();
    expect(profileIdentity(fields(['Dr X'], ['810000000009'], ['99']))).toBeUndefined();
    expect(profileIdentity(fields(['  '], ['810000000009'], ['10']))).toBeUndefined();
    expect(profileIdentity(fields(['Dr X', 'Dr Y'], ['810000000009'], ['10']))).toBeUndefined();
    expect(profileIdentity(fields(['kiosk.example.org'], [], []))).toBeUndefined();
    expect(profileIdentity(fields(['Dr X'], ['T00000000042'], ['10']))).toBeUndefined();
  });

  it('maps TRE_G15 codes and TECH, nothing else', () => {
    expect(['10', '21', '50', '60', 'TECH', '11', undefined].map(professionFromTitle)).toEqual([
      'doctor',
      'pharmacist',
      'midwife',
      'nurse',
      'technician',
      undefined,
      undefined,
    ]);
    expect(luhnOk('10000000009')).toBe(true);
    expect(luhnOk('10000000008')).toBe(false);
  });
});

describe('establishment staff mapped by site policy (staffMappings)', () => {
  const issuer = { issuerSubject: 'CN=AC CPE CHU, O=CHU', issuerKeyId: 'AB:CD:01:02:03:04' };
  const nurses: StaffMapping = {
    name: 'IDE du CHU',
    issuerKeyId: 'abcd01020304',
    titles: ['IDE'],
    profession: 'nurse',
  };
  const adeli: StaffMapping = {
    name: 'ADELI du CHU',
    issuerSubject: 'CN=AC CPE CHU, O=CHU',
    idPrefixes: ['0'],
    profession: 'nurse',
  };

  it('HZ-06 maps an establishment card ("3" + id) by issuer key id and title, naming the mapping', () => {
    expect(cardIdentity(fields(['Sophie PETIT'], ['3750100000042'], ['IDE']), issuer, [nurses])).toEqual({
      name: 'Sophie PETIT',
      nationalId: '3750100000042',
      profession: 'nurse',
      siteMapping: 'IDE du CHU',
    });
    expect(cardIdentity(fields(['Paul ROUX'], ['0751234567'], []), issuer, [adeli])?.siteMapping).toBe(
      'ADELI du CHU',
    );
  });

  it('HZ-06 no mapping, or none that fits: no identity (today’s behaviour)', () => {
    const cpe = fields(['Sophie PETIT'], ['3750100000042'], ['IDE']);
    expect(cardIdentity(cpe, issuer)).toBeUndefined();
    expect(cardIdentity(cpe, { issuerSubject: 'CN=Other CA' }, [nurses])).toBeUndefined();
    expect(cardIdentity(cpe, issuer, [{ ...nurses, titles: ['SEC'] }])).toBeUndefined();
    expect(cardIdentity(cpe, issuer, [{ ...nurses, idPrefixes: ['3130'] }])).toBeUndefined();
    expect(cardIdentity(cpe, issuer, [{ ...nurses, issuerSubject: 'CN=Other CA' }])).toBeUndefined();
    // A mapping that names no issuer, or neither titles nor id prefixes, maps nobody.
    expect(cardIdentity(cpe, issuer, [{ name: 'x', titles: ['IDE'], profession: 'nurse' }])).toBeUndefined();
    expect(
      cardIdentity(cpe, issuer, [{ name: 'x', issuerKeyId: 'abcd01020304', profession: 'nurse' }]),
    ).toBeUndefined();
  });

  it('HZ-21 never overrides or invents a profile identity: RPPS, technician and malformed cards are not mapped', () => {
    const everyone: StaffMapping = {
      name: 'all',
      issuerKeyId: 'abcd01020304',
      idPrefixes: ['0', '3', '8', 'T'] as string[],
      profession: 'doctor',
    };
    expect(cardIdentity(fields(['Dr X'], ['810000000009'], ['60']), issuer, [everyone])?.profession).toBe(
      'nurse',
    );
    expect(cardIdentity(fields(['Dr X'], ['810000000008'], ['10']), issuer, [everyone])).toBeUndefined();
    expect(cardIdentity(fields(['M T'], ['T00000000042'], ['X']), issuer, [everyone])).toBeUndefined();
    expect(cardIdentity(fields([' '], ['3750100000042'], []), issuer, [everyone])).toBeUndefined();
    expect(cardIdentity(fields(['A', 'B'], ['3750100000042'], []), issuer, [everyone])).toBeUndefined();
    expect(
      cardIdentity(fields(['A'], ['3750100000042'], ['IDE', 'SEC']), issuer, [everyone]),
    ).toBeUndefined();
  });

  it('the first mapping that fits wins', () => {
    const doctors: StaffMapping = { ...nurses, name: 'first', profession: 'doctor' };
    expect(
      cardIdentity(fields(['A'], ['3750100000042'], ['IDE']), issuer, [doctors, nurses])?.siteMapping,
    ).toBe('first');
  });
});
