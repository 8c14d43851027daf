/**
 * Login on an opened card, all or nothing: the certificate is checked first (so an untrusted or
 * expired card never receives the PIN), then VERIFY, then a fresh random challenge signed by the
 * card's key and verified with the certificate's public key. Only then is the holder authenticated.
 */
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import type { LoginResult } from './types.ts';
import type { CardFailure, OpenedCard } from './card-profile.ts';
import { identityFromCertificate, parseCertificate } from './certificate.ts';
import { encodePin } from './piv/piv-card.ts';
import { checkTrust, type TrustConfig } from './trust.ts';

export type { TrustConfig };

export function failureToLogin(failure: CardFailure): LoginResult {
  switch (failure.kind) {
    case 'removed':
      return { status: 'card_removed' };
    case 'io':
      return { status: 'card_error', reason: 'io' };
    case 'malformed_response':
    case 'unexpected_status':
      return { status: 'card_error', reason: 'unresponsive' };
  }
}

async function rawP256(spki: ArrayBuffer): Promise<Uint8Array | undefined> {
  try {
    const key = await webcrypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'verify',
    ]);
    return new Uint8Array(await webcrypto.subtle.exportKey('raw', key));
  } catch {
    return undefined;
  }
}

export async function authenticate(
  card: OpenedCard,
  certificateDer: Uint8Array | undefined,
  pin: string,
  trust: TrustConfig,
): Promise<LoginResult> {
  if (certificateDer === undefined) return { status: 'rejected', reason: 'no_identity' };
  const cert = parseCertificate(certificateDer);
  if (!cert.ok) return { status: 'rejected', reason: 'no_identity' };
  const identity = identityFromCertificate(cert.value, trust.staffMappings);
  if (!identity.ok) return { status: 'rejected', reason: 'no_identity' };
  const checked = await checkTrust(cert.value, trust);
  if (!checked.ok) return { status: 'rejected', reason: checked.error };
  const publicKey = await rawP256(cert.value.publicKey.rawData);
  if (publicKey === undefined) return { status: 'rejected', reason: 'bad_signature' };

  if (encodePin(pin) === undefined) {
    // Not a PIV PIN (6–8 digits): never sent, no retry spent; report the card's current count.
    const retries = await card.pinRetries();
    if (!retries.ok) return failureToLogin(retries.error);
    return retries.value === 0
      ? { status: 'blocked' }
      : { status: 'wrong_pin', retriesLeft: retries.value ?? 0 };
  }
  const verified = await card.verifyPin(pin);
  if (!verified.ok) return failureToLogin(verified.error);
  switch (verified.value.kind) {
    case 'wrong_pin':
      return { status: 'wrong_pin', retriesLeft: verified.value.retriesLeft };
    case 'blocked':
      return { status: 'blocked' };
    case 'verified':
      break;
  }

  const challenge = randomBytes(32);
  const digest = createHash('sha256').update(challenge).digest();
  const signature = await card.signDigest(new Uint8Array(digest));
  if (!signature.ok) return failureToLogin(signature.error);
  let valid: boolean;
  try {
    valid = p256.verify(signature.value, new Uint8Array(digest), publicKey, {
      prehash: false,
      format: 'der',
      lowS: false,
    });
  } catch {
    valid = false;
  }
  if (!valid) return { status: 'rejected', reason: 'bad_signature' };
  return { status: 'authenticated', identity: identity.value };
}
