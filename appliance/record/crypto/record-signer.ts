/**
 * Who signs a tier: the professional card (PIV GENERAL AUTHENTICATE with the 9C key, or PKCS#11),
 * or, for development and the CLI, a key file (here). The interface lives in common so the card
 * drivers implement it without importing the record.
 */
import { createPrivateKey, sign as nodeSign, constants, type KeyObject } from 'node:crypto';
import { RecordInputError } from './errors.ts';

export type { RecordSigner, RecordSigningAlgorithm } from '../../common/record-signer.ts';
import type { RecordSigner, RecordSigningAlgorithm } from '../../common/record-signer.ts';

function signingKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new RecordInputError('signer_key', 'the signer key is not a PEM private key');
  }
}

function algorithmFor(key: KeyObject, rsaAlgorithm: 'PS256' | 'RS256'): RecordSigningAlgorithm {
  if (key.asymmetricKeyType === 'ec') {
    if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new RecordInputError('signer_key', 'an EC signer key must be on curve P-256 (ES256)');
    }
    return 'ES256';
  }
  if (key.asymmetricKeyType === 'rsa') return rsaAlgorithm;
  throw new RecordInputError(
    'signer_key',
    `unsupported signer key type: ${key.asymmetricKeyType ?? 'unknown'}`,
  );
}

/** A signer backed by a private-key file (PEM) and its certificate chain (DER, leaf first). */
export function fileRecordSigner(
  privateKeyPem: string,
  certificateChain: readonly Uint8Array[],
  rsaAlgorithm: 'PS256' | 'RS256' = 'PS256',
): RecordSigner {
  const key = signingKey(privateKeyPem);
  const algorithm = algorithmFor(key, rsaAlgorithm);
  return {
    algorithm,
    certificateChain,
    sign: async (input) => {
      switch (algorithm) {
        case 'ES256':
          return new Uint8Array(nodeSign('sha256', input, { key, dsaEncoding: 'ieee-p1363' }));
        case 'PS256':
          return new Uint8Array(
            nodeSign('sha256', input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
          );
        case 'RS256':
          return new Uint8Array(nodeSign('sha256', input, { key, padding: constants.RSA_PKCS1_PADDING }));
      }
    },
  };
}
