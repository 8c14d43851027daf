/**
 * Login on a PKCS#11 token, all or nothing, in the PIV path's order (authenticate.ts): the
 * certificate is checked first (an untrusted, expired or revoked card never receives the PIN),
 * then C_Login, then a fresh random challenge signed by the private key paired with the
 * certificate and verified with the certificate's public key. The token is logged out after.
 */
import { X509Certificate, randomBytes } from 'node:crypto';
import type { Result } from '../../../common/result.ts';
import { err, ok } from '../../../common/result.ts';
import { identityFromCertificate, parseCertificate } from '../certificate.ts';
import { checkTrust, type TrustConfig } from '../trust.ts';
import type { CardErrorReason, LoginResult, PinLength } from '../types.ts';
import { chooseScheme, verifyChallenge, type RsaPadding } from './challenge.ts';
import { CKF_SERIAL_SESSION, CKR, CKU_USER } from './constants.ts';
import type { Pkcs11Call, Pkcs11Fault } from './module-host.ts';
import { loginOutcome, pinLengthOf, retriesFromFlags } from './pin-status.ts';
import {
  chooseAuthenticationCertificate,
  findPrivateKey,
  readCertificates,
  type TokenCertificate,
} from './token.ts';

export interface OpenToken {
  readonly slot: Uint8Array;
  readonly session: Uint8Array;
  readonly certificate: TokenCertificate | undefined;
  readonly pinLength: PinLength;
}

const REMOVED_CODES: ReadonlySet<number> = new Set([
  CKR.TOKEN_NOT_PRESENT,
  CKR.DEVICE_REMOVED,
  CKR.SESSION_CLOSED,
  CKR.SESSION_HANDLE_INVALID,
  CKR.SLOT_ID_INVALID,
]);

/** A failed call as a login result: a vanished token is a removal, a dead module an I/O fault. */
export function faultToLogin(fault: Pkcs11Fault): LoginResult {
  if (fault.kind === 'ckr' && REMOVED_CODES.has(fault.code)) return { status: 'card_removed' };
  const reason: CardErrorReason = fault.kind === 'host' ? 'io' : 'unresponsive';
  return { status: 'card_error', reason };
}

/** Why a token listed in its slot did not open: gone meanwhile (`removed`), or unreadable. */
export type OpenTokenFailure =
  { readonly removed: true } | { readonly removed: false; readonly fault: Pkcs11Fault | undefined };

/** A session on the token and its certificates, read before any PIN. */
export async function openToken(
  call: Pkcs11Call,
  slot: Uint8Array,
  info: { readonly minPinLen: number; readonly maxPinLen: number },
): Promise<Result<OpenToken, OpenTokenFailure>> {
  const session = await call('C_OpenSession', slot, CKF_SERIAL_SESSION);
  const certs = session.ok ? await readCertificates(call, session.value as Uint8Array) : session;
  if (!session.ok || !certs.ok) {
    const fault = !session.ok ? session.error : certs.ok ? undefined : certs.error;
    if (session.ok) void call('C_CloseSession', session.value);
    const removed = fault !== undefined && faultToLogin(fault).status === 'card_removed';
    return err(removed ? { removed: true } : { removed: false, fault });
  }
  return ok({
    slot,
    session: session.value as Uint8Array,
    certificate: chooseAuthenticationCertificate(certs.value),
    pinLength: pinLengthOf(info),
  });
}

async function tokenFlags(call: Pkcs11Call, slot: Uint8Array): Promise<number | undefined> {
  const info = await call('C_GetTokenInfo', slot);
  return info.ok ? (info.value as { flags: number }).flags : undefined;
}

export async function pinRetriesOf(call: Pkcs11Call, slot: Uint8Array): Promise<number | undefined> {
  const flags = await tokenFlags(call, slot);
  return flags === undefined ? undefined : retriesFromFlags(flags);
}

export interface LoginOptions extends TrustConfig {
  readonly rsaPadding?: RsaPadding;
}

export async function loginToken(
  call: Pkcs11Call,
  token: OpenToken,
  pin: string,
  options: LoginOptions,
): Promise<LoginResult> {
  if (token.certificate === undefined) return { status: 'rejected', reason: 'no_identity' };
  const cert = parseCertificate(token.certificate.der);
  if (!cert.ok) return { status: 'rejected', reason: 'no_identity' };
  const identity = identityFromCertificate(cert.value, options.staffMappings);
  if (!identity.ok) return { status: 'rejected', reason: 'no_identity' };
  const checked = await checkTrust(cert.value, options);
  if (!checked.ok) return { status: 'rejected', reason: checked.error };

  const { min, max } = token.pinLength;
  if (!new RegExp(`^\\d{${min},${max}}$`).test(pin)) {
    // Never sent, no retry spent: the keypad offers only these lengths, so this is a stale page.
    const retries = await pinRetriesOf(call, token.slot);
    return retries === 0 ? { status: 'blocked' } : { status: 'wrong_pin', retriesLeft: retries };
  }
  const login = await call('C_Login', token.session, CKU_USER, pin);
  const ckr = login.ok ? CKR.OK : login.error.kind === 'ckr' ? login.error.code : undefined;
  if (ckr === undefined) return faultToLogin(login.ok ? { kind: 'host', reason: 'gone' } : login.error);
  const outcome = loginOutcome(ckr, ckr === CKR.OK ? undefined : await tokenFlags(call, token.slot));
  switch (outcome.kind) {
    case 'wrong_pin':
      return { status: 'wrong_pin', retriesLeft: outcome.retriesLeft };
    case 'blocked':
      return { status: 'blocked' };
    case 'failed':
      return faultToLogin({ kind: 'ckr', code: outcome.ckr });
    case 'verified':
      break;
  }
  try {
    return await signChallenge(call, token, token.certificate, options.rsaPadding, identity.value);
  } finally {
    await call('C_Logout', token.session);
  }
}

async function signChallenge(
  call: Pkcs11Call,
  token: OpenToken,
  certificate: TokenCertificate,
  padding: RsaPadding | undefined,
  identity: Extract<LoginResult, { status: 'authenticated' }>['identity'],
): Promise<LoginResult> {
  const key = await findPrivateKey(call, token.session, certificate.id);
  if (!key.ok) return faultToLogin(key.error);
  if (key.value === undefined) return { status: 'rejected', reason: 'no_identity' };
  const mechanisms = await call('C_GetMechanismList', token.slot);
  if (!mechanisms.ok) return faultToLogin(mechanisms.error);
  const publicKey = new X509Certificate(certificate.der).publicKey;
  const scheme = chooseScheme(publicKey.asymmetricKeyType, mechanisms.value as number[], padding);
  if (scheme === undefined) return { status: 'rejected', reason: 'bad_key_usage' };
  const challenge = new Uint8Array(randomBytes(32));
  const init = await call('C_SignInit', token.session, scheme.mechanism, key.value);
  if (!init.ok) return faultToLogin(init.error);
  const signature = await call('C_Sign', token.session, scheme.input(challenge));
  if (!signature.ok) return faultToLogin(signature.error);
  if (!verifyChallenge(scheme, publicKey, challenge, signature.value as Uint8Array)) {
    return { status: 'rejected', reason: 'bad_signature' };
  }
  return { status: 'authenticated', identity };
}
