/**
 * `--card pkcs11:MODULE_PATH[:TOKEN]` of `baladeur key update`: the professional card through its
 * PKCS#11 module (a CPS through the ANS Cryptolib, SoftHSM in development). TOKEN is a slot ID or a
 * token label; absent, the first slot with a token.
 */
import type { OpenPkcs11SignerFailure } from '../../appliance/drivers/smartcard/pkcs11/open-signer.ts';

export interface Pkcs11CardOption {
  readonly modulePath: string;
  readonly token?: string;
}

/** `pkcs11:/usr/lib/x.so` or `pkcs11:/usr/lib/x.so:Baladeur cps-doctor`; undefined when not pkcs11. */
export function parsePkcs11Card(card: string): Pkcs11CardOption | undefined {
  const match = /^pkcs11:([^:]+)(?::(.+))?$/u.exec(card);
  if (match === null || match[1] === undefined) return undefined;
  return match[2] === undefined ? { modulePath: match[1] } : { modulePath: match[1], token: match[2] };
}

export function describePkcs11Failure(e: OpenPkcs11SignerFailure): string {
  switch (e.kind) {
    case 'wrong_pin':
      return `wrong PIN${e.retriesLeft === 1 ? ', last try before the card blocks' : ''}; nothing written`;
    case 'blocked':
      return 'the card is blocked (too many wrong PINs); nothing written';
    case 'no_signing_key':
      return 'this card has no signature certificate and key: it cannot sign records';
    case 'module_unavailable':
      return 'the PKCS#11 module cannot be loaded or initialised';
    case 'no_token':
      return `no such token (present: ${e.tokens.length === 0 ? 'none' : e.tokens.join(', ')})`;
    case 'fault':
      return `the card failed (${e.fault.kind === 'ckr' ? `CKR_0x${e.fault.code.toString(16)}` : e.fault.reason})`;
  }
}
