/**
 * Signing a record with a PKCS#11 token (issue 16; docs/key-format.md §6): the token's signature
 * certificate (keyUsage nonRepudiation, the CPS "Signature" certificate) and the private key with
 * the same CKA_ID. RSA signs PS256 (RFC 7518 §3.5: MGF1-SHA-256, 32-byte salt), RS256 only when
 * the token has no PSS mechanism; EC signs ES256 (P-256, r‖s as Cryptoki returns it). The PIN is
 * checked by a fresh C_Login first, then again before each signature (the signer holds it for its
 * life only), and the token is logged out after each.
 */
import { X509Certificate } from 'node:crypto';
import type { RecordSigner, RecordSigningAlgorithm } from '../../../common/record-signer.ts';
import type { Result } from '../../../common/result.ts';
import { err, ok } from '../../../common/result.ts';
import { x509 } from '../x509.ts';
import { chooseScheme, verifyChallenge, type SignScheme } from './challenge.ts';
import { CKA_ALWAYS_AUTHENTICATE, CKR, CKU_CONTEXT_SPECIFIC, CKU_USER } from './constants.ts';
import { describeFault, type Pkcs11Call, type Pkcs11Fault } from './module-host.ts';
import type { RecordSignerResult } from '../types.ts';
import { faultToLogin } from './login.ts';
import { loginOutcome } from './pin-status.ts';
import { chooseAuthenticationCertificate, findPrivateKey, type TokenCertificate } from './token.ts';

export type Pkcs11SignerFailure =
  | { readonly kind: 'wrong_pin'; readonly retriesLeft?: number }
  | { readonly kind: 'blocked' }
  /** No signature certificate with its private key, or a key the token cannot sign PS/RS/ES256 with. */
  | { readonly kind: 'no_signing_key' }
  | { readonly kind: 'fault'; readonly fault: Pkcs11Fault };

export interface Pkcs11SignerOptions {
  /**
   * Site policy: a token without a non-repudiation certificate may sign records with its
   * authentication key. Off by default: a CPS has a signature key and an authentication
   * signature is not the professional's act of signing.
   */
  readonly signWithAuthenticationKey?: boolean;
}

export interface SigningToken {
  readonly slot: Uint8Array;
  readonly session: Uint8Array;
}

function keyUsage(cert: TokenCertificate): number | undefined {
  try {
    const parsed = new x509.X509Certificate(new Uint8Array(cert.der));
    if (parsed.getExtension(x509.BasicConstraintsExtension)?.ca === true) return undefined;
    return parsed.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  } catch {
    return undefined;
  }
}

/**
 * A non-repudiation certificate other than the login's authentication one (some authentication
 * certificates carry nonRepudiation too, as the dev PIV doctor's 9A does); else the
 * authentication certificate itself, when the site's policy allows it.
 */
export function chooseSignatureCertificate(
  certs: readonly TokenCertificate[],
  options: Pkcs11SignerOptions = {},
): TokenCertificate | undefined {
  const authentication = chooseAuthenticationCertificate(certs);
  const signature = certs.find(
    (c) => c !== authentication && ((keyUsage(c) ?? 0) & x509.KeyUsageFlags.nonRepudiation) !== 0,
  );
  if (signature !== undefined) return signature;
  return options.signWithAuthenticationKey === true ? authentication : undefined;
}

/** The signer's certificate, then the issuers the token carries (up to a self-signed one, excluded). */
export function chainFromToken(leaf: TokenCertificate, certs: readonly TokenCertificate[]): Uint8Array[] {
  const chain = [leaf.der];
  const parsed = certs.flatMap((c) => {
    try {
      return [new X509Certificate(c.der)];
    } catch {
      return []; // a token object that is no certificate is no issuer either
    }
  });
  let current = new X509Certificate(leaf.der);
  for (let depth = 0; depth < 4; depth++) {
    const issuer = parsed.find((c) => c.subject === current.issuer && c.ca && current.checkIssued(c));
    if (issuer === undefined || issuer.checkIssued(issuer)) break;
    chain.push(new Uint8Array(issuer.raw));
    current = issuer;
  }
  return chain;
}

/** The JWS `alg` a scheme produces, when it is one docs/key-format.md §6 accepts. */
export function algorithmOf(
  scheme: SignScheme,
  publicKey: X509Certificate['publicKey'],
): RecordSigningAlgorithm | undefined {
  switch (scheme.padding) {
    case 'pss':
      return 'PS256';
    case 'pkcs1':
      return 'RS256';
    case 'ecdsa':
      return publicKey.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? 'ES256' : undefined;
  }
}

async function logIn(
  call: Pkcs11Call,
  token: SigningToken,
  pin: string,
): Promise<Result<void, Pkcs11SignerFailure>> {
  const login = await call('C_Login', token.session, CKU_USER, pin);
  let ckr: number = CKR.OK;
  if (!login.ok) {
    if (login.error.kind === 'host') return err({ kind: 'fault', fault: login.error });
    ckr = login.error.code;
  }
  const info = ckr === CKR.OK ? undefined : await call('C_GetTokenInfo', token.slot);
  const flags = info?.ok === true ? (info.value as { flags: number }).flags : undefined;
  const outcome = loginOutcome(ckr, flags);
  switch (outcome.kind) {
    case 'verified':
      return ok(undefined);
    case 'wrong_pin':
      return err(
        outcome.retriesLeft === undefined
          ? { kind: 'wrong_pin' }
          : { kind: 'wrong_pin', retriesLeft: outcome.retriesLeft },
      );
    case 'blocked':
      return err({ kind: 'blocked' });
    case 'failed':
      return err({ kind: 'fault', fault: { kind: 'ckr', code: outcome.ckr } });
  }
}

interface SigningKey {
  readonly scheme: SignScheme;
  readonly algorithm: RecordSigningAlgorithm;
  /** CKA_ALWAYS_AUTHENTICATE: the PIN again after C_SignInit (PKCS #11 v2.40 §5.2, CKU_CONTEXT_SPECIFIC). */
  readonly alwaysAuthenticate: boolean;
}

async function findSigningKey(
  call: Pkcs11Call,
  token: SigningToken,
  cert: TokenCertificate,
): Promise<Result<SigningKey, Pkcs11SignerFailure>> {
  const key = await findPrivateKey(call, token.session, cert.id);
  if (!key.ok) return err({ kind: 'fault', fault: key.error });
  if (key.value === undefined) return err({ kind: 'no_signing_key' });
  const mechanisms = await call('C_GetMechanismList', token.slot);
  if (!mechanisms.ok) return err({ kind: 'fault', fault: mechanisms.error });
  const publicKey = new X509Certificate(cert.der).publicKey;
  const scheme = chooseScheme(publicKey.asymmetricKeyType, mechanisms.value as number[], 'pss');
  const algorithm = scheme === undefined ? undefined : algorithmOf(scheme, publicKey);
  if (scheme === undefined || algorithm === undefined) return err({ kind: 'no_signing_key' });
  const always = await call('C_GetAttributeValue', token.session, key.value, [
    { type: CKA_ALWAYS_AUTHENTICATE },
  ]);
  const value = always.ok ? (always.value as { value?: Uint8Array }[])[0]?.value : undefined;
  return ok({ scheme, algorithm, alwaysAuthenticate: value?.[0] === 1 });
}

/**
 * Checks the PIN (C_Login, then C_Logout), finds the signature certificate and its key; the
 * signer then logs in, signs and logs out for each signature, and checks the signature with the
 * certificate's public key before handing it out. `run` queues the token's exchanges with the
 * driver's others. The caller checks the certificate (chain, profession) as the reader will.
 */
export async function pkcs11RecordSigner(
  call: Pkcs11Call,
  token: SigningToken,
  certs: readonly TokenCertificate[],
  pin: string,
  options: Pkcs11SignerOptions = {},
  run: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Promise<Result<RecordSigner, Pkcs11SignerFailure>> {
  const cert = chooseSignatureCertificate(certs, options);
  // The PIN first: a wrong one is reported (and counted) whatever the token carries.
  const made = await run(async (): Promise<Result<SigningKey, Pkcs11SignerFailure>> => {
    const login = await logIn(call, token, pin);
    if (!login.ok) return login;
    try {
      return cert === undefined ? err({ kind: 'no_signing_key' }) : await findSigningKey(call, token, cert);
    } finally {
      await call('C_Logout', token.session);
    }
  });
  if (!made.ok) return made;
  if (cert === undefined) return err({ kind: 'no_signing_key' });
  const key = made.value;
  const publicKey = new X509Certificate(cert.der).publicKey;
  const signOnce = async (signingInput: Uint8Array): Promise<Uint8Array> => {
    const login = await logIn(call, token, pin);
    if (!login.ok) throw new Error(`PKCS#11 signature refused: ${describe(login.error)}`);
    try {
      // Private objects' handles may not outlive the login (SoftHSM renews them): found again.
      const handle = await findPrivateKey(call, token.session, cert.id);
      if (!handle.ok || handle.value === undefined) throw new Error('PKCS#11 signature key gone');
      const init = await call('C_SignInit', token.session, key.scheme.mechanism, handle.value);
      if (!init.ok) throw new Error(`PKCS#11 C_SignInit failed: ${describeFault(init.error)}`);
      if (key.alwaysAuthenticate) {
        const again = await call('C_Login', token.session, CKU_CONTEXT_SPECIFIC, pin);
        if (!again.ok) throw new Error(`PKCS#11 context login failed: ${describeFault(again.error)}`);
      }
      const signed = await call('C_Sign', token.session, key.scheme.input(signingInput));
      if (!signed.ok) throw new Error(`PKCS#11 C_Sign failed: ${describeFault(signed.error)}`);
      const signature = new Uint8Array(signed.value as Uint8Array);
      if (!verifyChallenge(key.scheme, publicKey, signingInput, signature))
        throw new Error('PKCS#11 signature does not verify with the signature certificate');
      return signature;
    } finally {
      await call('C_Logout', token.session);
    }
  };
  return ok({
    algorithm: key.algorithm,
    certificateChain: chainFromToken(cert, certs),
    sign: (signingInput) => run(() => signOnce(signingInput)),
  });
}

/** The kiosk's view of a signer made or refused (a vanished token is a removal, as at login). */
export function signerResult(made: Result<RecordSigner, Pkcs11SignerFailure>): RecordSignerResult {
  if (made.ok) return { status: 'ready', signer: made.value };
  const e = made.error;
  switch (e.kind) {
    case 'wrong_pin':
      return e.retriesLeft === undefined
        ? { status: 'wrong_pin' }
        : { status: 'wrong_pin', retriesLeft: e.retriesLeft };
    case 'blocked':
      return { status: 'blocked' };
    case 'no_signing_key':
      return { status: 'no_signing_key' };
    case 'fault':
      return faultToLogin(e.fault).status === 'card_removed'
        ? { status: 'card_removed' }
        : { status: 'card_error' };
  }
}

function describe(failure: Pkcs11SignerFailure): string {
  return failure.kind === 'fault' ? describeFault(failure.fault) : failure.kind;
}
