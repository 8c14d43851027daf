import { describe, expect, it } from 'vitest';
import { verificationView, wholeMonthsBetween } from './view.ts';

const martin = { name: 'Dr Claire MARTIN', nationalId: '810000000009', profession: 'doctor' } as const;

describe('verificationView', () => {
  it('a valid signature shows the signer, national id, profession and signing time', () => {
    expect(
      verificationView({ status: 'valid', signer: martin, signedAt: '2026-03-01T10:00:00.000Z', version: 1 }),
    ).toEqual({
      status: 'valid',
      signer: 'Dr Claire MARTIN',
      signerId: '810000000009',
      profession: 'doctor',
      signedAt: '2026-03-01T10:00:00.000Z',
      version: 1,
    });
  });

  it('a certificate without a national id (empty serialNumber) shows no signer id, not an empty one', () => {
    const view = verificationView({
      status: 'valid',
      signer: { name: 'Dr Claire MARTIN', nationalId: '', profession: 'doctor' },
      signedAt: '',
      version: 1,
    });
    expect(view).toEqual({ status: 'valid', signer: 'Dr Claire MARTIN', profession: 'doctor', version: 1 });
    expect(view).not.toHaveProperty('signerId');
    expect(
      verificationView({
        status: 'valid',
        signer: { name: 'Dr Claire MARTIN', nationalId: '  ', profession: 'doctor' },
        signedAt: '2026-03-01T10:00:00.000Z',
        version: 1,
      }),
    ).not.toHaveProperty('signerId');
  });

  it('an empty signing time is left out', () => {
    expect(
      verificationView({ status: 'valid', signer: martin, signedAt: '', version: 1 }),
    ).not.toHaveProperty('signedAt');
  });

  it('HZ-04 unsigned and tampered records carry no signer at all', () => {
    expect(verificationView({ status: 'unsigned' })).toEqual({ status: 'unsigned' });
    expect(verificationView({ status: 'invalid_signature' })).toEqual({ status: 'invalid_signature' });
  });

  it('HZ-04 an untrusted or expired signer is shown as claimed, by name only', () => {
    expect(verificationView({ status: 'untrusted', signer: martin })).toEqual({
      status: 'untrusted',
      signer: 'Dr Claire MARTIN',
    });
    expect(verificationView({ status: 'expired', signer: martin })).toEqual({
      status: 'expired',
      signer: 'Dr Claire MARTIN',
    });
    expect(verificationView({ status: 'expired' })).toEqual({ status: 'expired' });
  });

  it('HZ-04 an untrusted certificate with an empty name is not shown as a named signer', () => {
    expect(verificationView({ status: 'untrusted', signer: { name: '', nationalId: '' } })).toEqual({
      status: 'untrusted',
    });
    expect(verificationView({ status: 'expired', signer: { name: ' ', nationalId: '1' } })).toEqual({
      status: 'expired',
    });
  });

  it('HZ-21 a signer outside the site policy is shown as not authorised, with the claimed name and profession', () => {
    const nurse = { name: 'Julie BERNARD', nationalId: '810000000009', profession: 'nurse' } as const;
    expect(verificationView({ status: 'not_authorised', signer: nurse })).toEqual({
      status: 'not_authorised',
      signer: 'Julie BERNARD',
      profession: 'nurse',
    });
    expect(verificationView({ status: 'not_authorised', signer: { name: ' ', nationalId: '' } })).toEqual({
      status: 'not_authorised',
    });
  });

  it('HZ-05 with a reading time, a valid record carries its age in whole months and whether it is past the limit', () => {
    const signed = {
      status: 'valid',
      signer: martin,
      signedAt: '2025-09-15T10:00:00.000Z',
      version: 1,
    } as const;
    const at = (now: string) => verificationView(signed, { now: new Date(now), outdatedAfterMonths: 12 });
    expect(at('2026-11-15T09:00:00.000Z')).toMatchObject({ ageMonths: 13, outdated: true });
    expect(at('2026-09-15T10:00:00.000Z')).toMatchObject({ ageMonths: 12, outdated: true });
    expect(at('2026-09-15T09:59:59.000Z')).toMatchObject({ ageMonths: 11, outdated: false });
    expect(at('2025-09-16T00:00:00.000Z')).toMatchObject({ ageMonths: 0, outdated: false });
    expect(verificationView(signed)).not.toHaveProperty('ageMonths');
    const strict = verificationView(signed, {
      now: new Date('2026-01-20T00:00:00Z'),
      outdatedAfterMonths: 3,
    });
    expect(strict).toMatchObject({ ageMonths: 4, outdated: true });
  });

  it('HZ-05 whole months never count a month not yet complete, and never go negative', () => {
    expect(wholeMonthsBetween(new Date('2026-01-31T00:00:00Z'), new Date('2026-02-28T00:00:00Z'))).toBe(0);
    expect(wholeMonthsBetween(new Date('2026-01-31T00:00:00Z'), new Date('2026-03-31T00:00:00Z'))).toBe(2);
    expect(wholeMonthsBetween(new Date('2026-03-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z'))).toBe(0);
  });
});
