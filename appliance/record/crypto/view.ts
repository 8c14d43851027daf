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
      /** Whole months between the signing time and the reading (HZ-05). */
      readonly ageMonths?: number;
      /** Older than the site's limit (`recordSigning.outdatedAfterMonths`): the amber banner (HZ-05). */
      readonly outdated?: boolean;
      /** The record's version, signed (docs/key-format.md §6). */
      readonly version?: number;
      /** The author's card was revoked after signing (ISO date): the record stays valid, and says so. */
      readonly signerRevokedAt?: string;
      /** The site's CRL for the signer's authority is out of date (`warn` policy): revocation unknown. */
      readonly crlNotCurrent?: true;
    }
  | { readonly status: 'unsigned' }
  | { readonly status: 'invalid_signature' }
  | { readonly status: 'untrusted'; readonly signer?: string }
  | { readonly status: 'expired'; readonly signer?: string }
  | { readonly status: 'not_authorised'; readonly signer?: string; readonly profession?: string }
  | {
      readonly status: 'revoked';
      readonly signer?: string;
      readonly signedAt?: string;
      readonly revokedAt?: string;
    }
  | { readonly status: 'revocation_unknown'; readonly signer?: string };

/** How old a record may be before it is shown as possibly out of date (months), unless the site says. */
export const DEFAULT_OUTDATED_AFTER_MONTHS = 12;

export interface AgeOptions {
  /** The reading time. */
  readonly now: Date;
  readonly outdatedAfterMonths: number;
}

/** A field that says nothing (absent serialNumber, empty or blank CN) is left out, never shown empty. */
function said(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Calendar months from `from` to `to`, rounded down (a month not yet complete does not count); ≥ 0. */
export function wholeMonthsBetween(from: Date, to: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  const dayOfMonth = (d: Date) => d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (dayOfMonth(to) < dayOfMonth(from)) months -= 1;
  return Math.max(0, months);
}

function age(
  signedAt: string | undefined,
  options: AgeOptions | undefined,
): { ageMonths?: number; outdated?: boolean } {
  if (signedAt === undefined || options === undefined) return {};
  const at = new Date(signedAt);
  if (Number.isNaN(at.getTime())) return {};
  const ageMonths = wholeMonthsBetween(at, options.now);
  return { ageMonths, outdated: ageMonths >= options.outdatedAfterMonths };
}

/** With `ageOptions`, a valid record also carries its age and whether it is past the site's limit. */
export function verificationView(v: Verification, ageOptions?: AgeOptions): VerificationView {
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
        ...age(signedAt, ageOptions),
        version: v.version,
        ...(v.signerRevokedAt === undefined ? {} : { signerRevokedAt: v.signerRevokedAt }),
        ...(v.crlNotCurrent === undefined ? {} : { crlNotCurrent: v.crlNotCurrent }),
      };
    }
    case 'unsigned':
    case 'invalid_signature':
      return { status: v.status };
    case 'untrusted':
    case 'expired':
    case 'revocation_unknown': {
      const signer = said(v.signer?.name);
      return signer === undefined ? { status: v.status } : { status: v.status, signer };
    }
    case 'not_authorised': {
      const signer = said(v.signer.name);
      return {
        status: v.status,
        ...(signer === undefined ? {} : { signer }),
        ...(v.signer.profession === undefined ? {} : { profession: v.signer.profession }),
      };
    }
    case 'revoked': {
      const signer = said(v.signer.name);
      return {
        status: v.status,
        ...(signer === undefined ? {} : { signer }),
        signedAt: v.signedAt,
        revokedAt: v.revokedAt,
      };
    }
    default:
      return assertNever(v, 'verification');
  }
}
