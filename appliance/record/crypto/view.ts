import type { VerificationView } from '../../contract/session-view.ts';
import type { Verification } from './verify.ts';

/** The banner's view of a verification (appliance/server/contract/session-view.ts). */
export function verificationView(v: Verification): VerificationView {
  switch (v.status) {
    case 'valid':
      return {
        status: 'valid',
        signer: v.signer.name,
        ...(v.signer.nationalId === '' ? {} : { signerId: v.signer.nationalId }),
        ...(v.signer.profession === undefined ? {} : { profession: v.signer.profession }),
        ...(v.signedAt === undefined ? {} : { signedAt: v.signedAt }),
      };
    case 'unsigned':
    case 'invalid_signature':
      return { status: v.status };
    case 'untrusted':
    case 'expired':
      return v.signer === undefined ? { status: v.status } : { status: v.status, signer: v.signer.name };
  }
}
