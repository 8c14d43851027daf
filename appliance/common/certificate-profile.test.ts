import { describe, expect, it } from 'vitest';
import { luhnOk, professionFromTitle, profileIdentity } from './certificate-profile.ts';

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
