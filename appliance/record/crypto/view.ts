/**
 * The signature check as the summary banner and the receipts show it: the one mapping from the
 * record's `Verification`, used by the kiosk and the CLI's receipt. The session view
 * (contract/session-view.ts) carries it as is.
 */
import { assertNever } from '../../common/result.ts';
import type { Verification } from './verify.ts';

export type VerificationView =
  | {
      readonly status: 'valid';
      readonly signer: string;
      readonly signerId?: string;
      readonly profession?: string;
      readonly signedAt?: string;
    }
  | { readonly status: 'unsigned' }
  | { readonly status: 'invalid_signature' }
  | { readonly status: 'untrusted'; readonly signer?: string }
  | { readonly status: 'expired'; readonly signer?: string };

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
