/**
 * The authentication challenge: which mechanism the token's key signs it with, and the check of
 * that signature against the certificate's public key. RSA: PKCS#1 v1.5 or PSS (RFC 8017 §8.2,
 * §8.1) with SHA-256; EC: ECDSA over the SHA-256 digest, which Cryptoki returns as r‖s
 * (PKCS #11 v2.40 Mechanisms §2.3.1), hence `ieee-p1363` below.
 */
import { constants, createHash, verify, type KeyObject } from 'node:crypto';
import {
  CKG_MGF1_SHA256,
  CKM_ECDSA,
  CKM_RSA_PKCS,
  CKM_RSA_PKCS_PSS,
  CKM_SHA256,
  CKM_SHA256_RSA_PKCS,
  CKM_SHA256_RSA_PKCS_PSS,
  CK_PARAMS_RSA_PSS,
} from './constants.ts';

export type RsaPadding = 'pkcs1' | 'pss';

export interface SignScheme {
  readonly padding: RsaPadding | 'ecdsa';
  readonly mechanism: { readonly mechanism: number; readonly parameter?: unknown };
  /** What is handed to C_Sign for this challenge. */
  input(challenge: Uint8Array): Uint8Array;
}

/** DER DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): CKM_RSA_PKCS signs what it is given. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());
const PSS_PARAMS = { hashAlg: CKM_SHA256, mgf: CKG_MGF1_SHA256, saltLen: 32, type: CK_PARAMS_RSA_PSS };

const RSA_SCHEMES: readonly (SignScheme & { readonly padding: RsaPadding })[] = [
  { padding: 'pkcs1', mechanism: { mechanism: CKM_SHA256_RSA_PKCS }, input: (c) => c },
  {
    padding: 'pkcs1',
    mechanism: { mechanism: CKM_RSA_PKCS },
    input: (c) => new Uint8Array(Buffer.concat([SHA256_DIGEST_INFO, sha256(c)])),
  },
  {
    padding: 'pss',
    mechanism: { mechanism: CKM_SHA256_RSA_PKCS_PSS, parameter: PSS_PARAMS },
    input: (c) => c,
  },
  { padding: 'pss', mechanism: { mechanism: CKM_RSA_PKCS_PSS, parameter: PSS_PARAMS }, input: sha256 },
];

/** The first mechanism the token offers for this key, the preferred RSA padding first. */
export function chooseScheme(
  keyType: string | undefined,
  mechanisms: readonly number[],
  prefer: RsaPadding = 'pkcs1',
): SignScheme | undefined {
  const offered = new Set(mechanisms);
  if (keyType === 'ec') {
    return offered.has(CKM_ECDSA)
      ? { padding: 'ecdsa', mechanism: { mechanism: CKM_ECDSA }, input: sha256 }
      : undefined;
  }
  if (keyType !== 'rsa') return undefined;
  const ordered = [...RSA_SCHEMES].sort(
    (a, b) => Number(b.padding === prefer) - Number(a.padding === prefer),
  );
  return ordered.find((s) => offered.has(s.mechanism.mechanism));
}

/** True when `signature` is the certificate key's signature of `challenge` under `scheme`. */
export function verifyChallenge(
  scheme: SignScheme,
  publicKey: KeyObject,
  challenge: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    switch (scheme.padding) {
      case 'pkcs1':
        return verify(
          'sha256',
          challenge,
          { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
          signature,
        );
      case 'pss':
        return verify(
          'sha256',
          challenge,
          { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
          signature,
        );
      case 'ecdsa':
        return verify('sha256', challenge, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    }
  } catch {
    return false;
  }
}
