/**
 * The banner's and the receipt's view of a verification (contract/session-view.ts). The one
 * mapping from the record's `Verification`: the kiosk, the CLI's receipt and the receipts use it.
 */
import type { VerificationView } from '../../contract/session-view.ts';
import { assertNever } from '../../common/result.ts';
import type { Verification } from './verify.ts';

/** A certificate field that says nothing (absent serialNumber, empty or blank CN) is left out, never shown empty. */
function said(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function verificationView(v: Verification): VerificationView {
  switch (v.status) {
    case 'valid': {
      const signerId = said(v.signer.nationalId);
      const signedAt = said(v.signedAt);
      return {
        status: 'valid',
        signer: v.signer.name,
        ...(signerId === undefined ? {} : { signerId }),
        ...(v.signer.profession === undefined ? {} : { profession: v.signer.profession }),
        ...(signedAt === undefined ? {} : { signedAt }),
      };
    }
    case 'unsigned':
    case 'invalid_signature':
      return { status: v.status };
    case 'untrusted':
    case 'expired': {
      const signer = said(v.signer?.name);
      return signer === undefined ? { status: v.status } : { status: v.status, signer };
    }
    default:
      return assertNever(v, 'verification');
  }
}
