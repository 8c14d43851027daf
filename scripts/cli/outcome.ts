/** How record outcomes read on the CLI's stderr, and which exit code they give. */
import { assertNever } from '../../appliance/common/result.ts';
import type { RecordError } from '../../appliance/record/container/types.ts';
import type { Verification } from '../../appliance/record/crypto/verify.ts';
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

export function describeVerification(v: Verification): string {
  switch (v.status) {
    case 'valid': {
      const who = [v.signer.nationalId, v.signer.profession]
        .filter((x) => x !== undefined && x !== '')
        .join(', ');
      return `signature: valid, signed by ${v.signer.name}${who === '' ? '' : ` (${who})`}${v.signedAt === undefined ? '' : ` on ${v.signedAt}`}`;
    }
    case 'unsigned':
      return 'signature: NONE - this record is not signed; do not rely on it';
    case 'invalid_signature':
      return 'signature: INVALID - the record was altered or its signature is broken';
    case 'untrusted':
      return `signature: UNTRUSTED - ${v.signer === undefined ? 'the signer' : `"${v.signer.name}"`} is not certified by a trusted authority`;
    case 'expired':
      return `signature: EXPIRED - the certificate of ${v.signer === undefined ? 'the signer' : `"${v.signer.name}"`} is expired or not yet valid`;
    case 'not_authorised':
      return `signature: NOT AUTHORISED - "${v.signer.name}" is certified but may not author records`;
    default:
      return assertNever(v, 'verification');
  }
}
