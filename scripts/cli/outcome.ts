/** How record outcomes read on the CLI's stderr, and which exit code they give. */
import { assertNever } from '../../appliance/common/result.ts';
import type { RecordError } from '../../appliance/record/container/types.ts';
import type { Verification } from '../../appliance/record/crypto/verify.ts';
import { wholeMonthsBetween } from '../../appliance/record/crypto/view.ts';
import { EXIT, type ExitCode } from './command.ts';

export function exitFor(error: RecordError): ExitCode {
  switch (error.code) {
    case 'wrong_code':
    case 'code_typo':
    case 'no_usable_key':
      return EXIT.noAccess;
    case 'not_a_container':
    case 'unsupported_version':
    case 'too_large':
    case 'malformed':
    case 'corrupt':
    case 'invalid_content':
      return EXIT.unusable;
    default:
      return assertNever(error.code, 'record error');
  }
}

export function describeVerification(v: Verification, now: Date = new Date()): string {
  switch (v.status) {
    case 'valid': {
      const who = [v.signer.nationalId, v.signer.profession]
        .filter((x) => x !== undefined && x !== '')
        .join(', ');
      const age = wholeMonthsBetween(new Date(v.signedAt), now);
      const revocation =
        v.signerRevokedAt !== undefined
          ? `; the signer's card was revoked since signing (on ${v.signerRevokedAt}): the signature stands`
          : v.crlNotCurrent === true
            ? "; revocation not checked: no current CRL for the signer's authority"
            : '';
      return `signature: valid, signed by ${v.signer.name}${who === '' ? '' : ` (${who})`} on ${v.signedAt} (${age === 0 ? 'less than a month ago' : `${age} month${age === 1 ? '' : 's'} ago`}), version ${v.version}${v.previousId === undefined ? '' : ` (replaces ${v.previousId})`}${revocation}`;
    }
    case 'unsigned':
      return 'signature: NONE - this record is not signed; do not rely on it';
    case 'invalid_signature':
      return 'signature: INVALID - the record was altered or its signature is broken';
    case 'untrusted':
      return `signature: UNTRUSTED - ${v.signer === undefined ? 'the signer' : `"${v.signer.name}"`} is not certified by a trusted authority`;
    case 'expired':
      return `signature: EXPIRED - the certificate of ${v.signer === undefined ? 'the signer' : `"${v.signer.name}"`} was not valid at the signing time (or the signing time is in the future)`;
    case 'not_authorised':
      return `signature: NOT AUTHORISED - "${v.signer.name}"${v.signer.profession === undefined ? ' (no professional identity)' : ` (${v.signer.profession})`} is certified but may not author records`;
    case 'revoked':
      return `signature: REVOKED - the card of "${v.signer.name}" was revoked on ${v.revokedAt}, before the record was signed on ${v.signedAt}`;
    case 'revocation_unknown':
      return `signature: REVOCATION UNKNOWN - no current CRL for the authority of "${v.signer.name}" and the policy refuses stale lists`;
    default:
      return assertNever(v, 'verification');
  }
}
