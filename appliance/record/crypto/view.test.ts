import { describe, expect, it } from 'vitest';
import { verificationView } from './view.ts';

const martin = { name: 'Dr Claire MARTIN', nationalId: '810001234567', profession: 'doctor' } as const;

describe('verificationView', () => {
  it('a valid signature shows the signer, national id, profession and signing time', () => {
    expect(
      verificationView({ status: 'valid', signer: martin, signedAt: '2026-03-01T10:00:00.000Z' }),
    ).toEqual({
      status: 'valid',
      signer: 'Dr Claire MARTIN',
      signerId: '810001234567',
      profession: 'doctor',
      signedAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('a certificate without a national id (empty serialNumber) shows no signer id, not an empty one', () => {
    const view = verificationView({ status: 'valid', signer: { name: 'Dr Claire MARTIN', nationalId: '' } });
    expect(view).toEqual({ status: 'valid', signer: 'Dr Claire MARTIN' });
    expect(view).not.toHaveProperty('signerId');
    expect(
      verificationView({ status: 'valid', signer: { name: 'Dr Claire MARTIN', nationalId: '  ' } }),
    ).not.toHaveProperty('signerId');
  });

  it('an empty signing time is left out', () => {
    expect(verificationView({ status: 'valid', signer: martin, signedAt: '' })).not.toHaveProperty(
      'signedAt',
    );
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
});
