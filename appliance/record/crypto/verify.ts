/**
 * Verifying a tier signature against the kiosk's trust anchors. Never throws: every outcome is a
 * `Verification` value (docs/key-format.md, "Verification").
 */
import { compactVerify, decodeProtectedHeader, importX509, type ProtectedHeaderParameters } from 'jose';
import type { Profession } from '../../common/professions.ts';
import {
  revocationAtSigning,
  type SigningRevocationConfig,
  type SigningRevocation,
} from '../../common/signing-revocation.ts';
import { assertNever } from '../../common/result.ts';
import {
  MAX_CHAIN_LENGTH,
  isTimeValid,
  parseCertificate,
  parsePemBundle,
  sameCertificate,
  type RecordCertificate,
  signerIdentity,
  type SignerIdentity,
} from './certificate.ts';
import { pathRulesHold } from './path-rules.ts';
import {
  CONTAINER_ID_PATTERN,
  JWS_TYPE,
  MAX_RECORD_VERSION,
  SIGNING_ALGORITHMS,
  type SigningAlgorithm,
} from './sign.ts';
import type { Tier } from './tier.ts';

/**
 * `expired`: the signer's certificate (or one of its path) was not valid at the signing time, or
 * the signing time is in the future. `not_authorised`: a trusted certificate whose holder may not
 * author records under the site policy (profession, or no identity at all). `revoked`: the site's
 * CRL lists the signer's certificate from before the signing time. `revocation_unknown`: no current
 * CRL for the signer's issuer and the site refuses stale lists (`revocation.staleCrl`).
 */
export type Verification =
  | {
      readonly status: 'valid';
      readonly signer: SignerIdentity & { readonly profession: Profession };
      readonly signedAt: string;
      /** Header `ver` (1 when absent: records written before versions). */
      readonly version: number;
      /** Header `prev`: the container this record replaced. */
      readonly previousId?: string;
      /** The signer's card was revoked after signing (ISO date): the signature stands. */
      readonly signerRevokedAt?: string;
      /** No current CRL for the signer's issuer; accepted by the site's `warn` policy. */
      readonly crlNotCurrent?: true;
    }
  | { readonly status: 'unsigned' }
  | { readonly status: 'invalid_signature' }
  | { readonly status: 'untrusted'; readonly signer?: SignerIdentity }
  | { readonly status: 'expired'; readonly signer?: SignerIdentity }
  | { readonly status: 'not_authorised'; readonly signer: SignerIdentity }
  | {
      readonly status: 'revoked';
      readonly signer: SignerIdentity;
      readonly signedAt: string;
      readonly revokedAt: string;
    }
  | { readonly status: 'revocation_unknown'; readonly signer: SignerIdentity };

/** Who may author a record unless the site says otherwise (config `recordSigning.professions`). */
export const DEFAULT_SIGNER_PROFESSIONS: readonly Profession[] = ['doctor', 'midwife'];

/** How far in the future a signing time may be (the author's clock against the reader's). */
export const SIGNING_TIME_SKEW_MS = 10 * 60 * 1000;

export interface VerifyOptions {
  readonly tier: Tier;
  /** PEM certificates (each string may hold several) trusted as roots for record signers. */
  readonly trustAnchorsPem: readonly string[];
  /** Professions allowed to author a record (default `DEFAULT_SIGNER_PROFESSIONS`). */
  readonly signerProfessions?: readonly Profession[];
  /** The reader's clock: signing times in the future are refused; CRLs are current or not at it. */
  readonly now: Date;
  /** The site's CRLs (config `revocation`), judged at the signing time; absent: not checked. */
  readonly revocation?: SigningRevocationConfig;
}

export interface VerifiedTier {
  readonly verification: Verification;
  /** The signed bytes, returned even when the signature is not valid (for `--accept-unverified`). */
  readonly payload: Uint8Array;
}

const INVALID = { status: 'invalid_signature' } as const;

export function x5cChain(header: ProtectedHeaderParameters): RecordCertificate[] | undefined {
  const x5c: unknown = header.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_CHAIN_LENGTH) return undefined;
  const chain: RecordCertificate[] = [];
  for (const item of x5c) {
    if (typeof item !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/u.test(item)) return undefined;
    const cert = parseCertificate(new Uint8Array(Buffer.from(item, 'base64')));
    if (cert === undefined) return undefined;
    chain.push(cert);
  }
  return chain;
}

async function issuedBy(child: RecordCertificate, parent: RecordCertificate): Promise<boolean> {
  if (child.issuer !== parent.subject) return false;
  try {
    return child.native.verify(parent.native.publicKey);
  } catch {
    return false;
  }
}

/** Builds leaf → … → anchor from the x5c intermediates; the path (anchor last) or undefined. */
export async function buildPath(
  leaf: RecordCertificate,
  intermediates: readonly RecordCertificate[],
  anchors: readonly RecordCertificate[],
): Promise<RecordCertificate[] | undefined> {
  const path = [leaf];
  for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth += 1) {
    const current = path[path.length - 1] as RecordCertificate;
    for (const anchor of anchors) {
      if (sameCertificate(current, anchor)) return path;
      if (await issuedBy(current, anchor)) return [...path, anchor];
    }
    let next: RecordCertificate | undefined;
    for (const candidate of intermediates) {
      if (!path.some((c) => sameCertificate(c, candidate)) && (await issuedBy(current, candidate))) {
        next = candidate;
        break;
      }
    }
    if (next === undefined) return undefined;
    path.push(next);
  }
  return undefined;
}

function decodePayload(jws: string): Uint8Array | undefined {
  const part = jws.split('.')[1];
  if (part === undefined || !/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  return new Uint8Array(Buffer.from(part, 'base64url'));
}

function signingTime(header: ProtectedHeaderParameters): Date | undefined {
  const iat: unknown = header.iat;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat < 0 || iat > 1e11) return undefined;
  return new Date(iat * 1000);
}

/** `ver` and `prev` as signed; undefined when present but malformed. */
function lineage(header: ProtectedHeaderParameters): { version: number; previousId?: string } | undefined {
  const ver: unknown = header.ver ?? 1;
  const prev: unknown = header.prev;
  if (typeof ver !== 'number' || !Number.isInteger(ver) || ver < 1 || ver > MAX_RECORD_VERSION)
    return undefined;
  if (prev === undefined) return { version: ver };
  return typeof prev === 'string' && CONTAINER_ID_PATTERN.test(prev)
    ? { version: ver, previousId: prev }
    : undefined;
}

/**
 * Checks, in order: JWS well-formed and bound to this use (`typ`, `tier`, `iat`) → signature by the
 * x5c leaf → path to a trust anchor under the rules of path-rules.ts → every certificate of the
 * path valid at the signing time `iat`, itself not in the future → the signer's certificate not
 * revoked before `iat` by the site's CRLs (common/revocation.ts) → the signer's identity and
 * profession allowed by the site policy. A record stays valid after its author's card expires or
 * is revoked; its age is the reader's to show.
 */
export async function verifyTier(jws: string, options: VerifyOptions): Promise<VerifiedTier | undefined> {
  const payload = decodePayload(jws);
  if (payload === undefined || jws.split('.').length !== 3) return undefined;
  const result = (verification: Verification): VerifiedTier => ({ verification, payload });
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return result(INVALID);
  }
  const alg = header.alg as SigningAlgorithm;
  if (!SIGNING_ALGORITHMS.includes(alg) || header.typ !== JWS_TYPE || header.tier !== options.tier) {
    return result(INVALID);
  }
  const chain = x5cChain(header);
  const leaf = chain?.[0];
  const at = signingTime(header);
  const lineageOf = lineage(header);
  if (chain === undefined || leaf === undefined || at === undefined || lineageOf === undefined) {
    return result(INVALID);
  }
  try {
    const key = await importX509(leaf.pem, alg);
    await compactVerify(jws, key, { algorithms: [alg] });
  } catch {
    return result(INVALID);
  }
  const signer = signerIdentity(leaf);
  const anchors = options.trustAnchorsPem.flatMap((pem) => parsePemBundle(pem));
  const path = await buildPath(leaf, chain.slice(1), anchors);
  if (path === undefined || !pathRulesHold(path)) return result({ status: 'untrusted', signer });
  const future = at.getTime() > options.now.getTime() + SIGNING_TIME_SKEW_MS;
  if (future || !path.every((cert) => isTimeValid(cert, at))) return result({ status: 'expired', signer });
  const issuer = path[1];
  const revocation =
    issuer === undefined
      ? ({ ok: true, value: { state: 'unchecked' } } as const)
      : await revocationAtSigning(leaf, issuer, options.revocation, at, options.now);
  if (!revocation.ok) {
    return result(
      revocation.error.reason === 'revoked'
        ? {
            status: 'revoked',
            signer,
            signedAt: at.toISOString(),
            revokedAt: revocation.error.revokedAt.toISOString(),
          }
        : { status: 'revocation_unknown', signer },
    );
  }
  const allowed = options.signerProfessions ?? DEFAULT_SIGNER_PROFESSIONS;
  const { profession } = signer;
  if (profession === undefined || !allowed.includes(profession)) {
    return result({ status: 'not_authorised', signer });
  }
  return result({
    status: 'valid',
    signer: { ...signer, profession },
    signedAt: at.toISOString(),
    ...lineageOf,
    ...revocationNote(revocation.value),
  });
}

function revocationNote(r: SigningRevocation): { signerRevokedAt?: string; crlNotCurrent?: true } {
  switch (r.state) {
    case 'good':
    case 'unchecked':
      return {};
    case 'revoked_since_signing':
      return { signerRevokedAt: r.revokedAt.toISOString() };
    case 'crl_not_current':
      return { crlNotCurrent: true };
    default:
      return assertNever(r, 'signing revocation');
  }
}
