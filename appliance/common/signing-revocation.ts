/**
 * A record signature's certificate judged against the site's CRLs at its signing time (RFC 5280
 * §6.3, without delta CRLs or distribution-point scoping): a CRL counts for a certificate when its
 * issuer name is the certificate's issuer and the issuer's key signed it. Split from revocation.ts
 * so that the record's read path loads no ASN.1 library: the CRLs arrive parsed (`X509Crl`, whose
 * module is then already loaded) or indexed (crl-index.ts), and certificates are read by whatever
 * parsed them (only names, serial numbers and the issuer's key are used here).
 */
import { indexSignedBy, serialKey, type CrlIndex } from './crl-index.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';
import type * as x509 from './x509.ts';

/** What a CRL past its nextUpdate means at this site: `warn` (accept, shown on diagnostics) or `refuse`. */
export type StaleCrlPolicy = 'warn' | 'refuse';

/** How far ahead of the kiosk's clock a date may be before the clock is suspected (not the card). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type CrlState = 'current' | 'stale' | 'not_yet_valid';

export function crlState(
  crl: { readonly thisUpdate: Date; readonly nextUpdate?: Date | undefined },
  now: Date,
): CrlState {
  if (crl.thisUpdate.getTime() - now.getTime() > CLOCK_SKEW_MS) return 'not_yet_valid';
  const next = crl.nextUpdate;
  return next !== undefined && next.getTime() < now.getTime() ? 'stale' : 'current';
}

/** A certificate as the revocation check reads it: its issuer's name (as `@peculiar/x509` prints it) and serial (hex). */
export interface RevocableCertificate {
  readonly issuer: string;
  readonly serialNumber: string;
}

/** The issuing certificate: its name and its subjectPublicKeyInfo DER. */
export interface IssuingCertificate {
  readonly spki: Uint8Array;
}

/**
 * When `cert` stopped being good according to `crl`, or undefined when it is not listed. The
 * invalidity date (RFC 5280 §5.3.2: when the key is known or suspected to have been compromised)
 * counts when it is earlier than the revocation date.
 */
export function revokedAt(crl: x509.X509Crl, cert: RevocableCertificate): Date | undefined {
  const entry = crl.findRevoked(cert.serialNumber);
  if (entry === null) return undefined;
  const invalid = entry.invalidity;
  return invalid !== undefined && invalid.getTime() < entry.revocationDate.getTime()
    ? invalid
    : entry.revocationDate;
}

/**
 * A signature's certificate judged at its signing time: `good`; `unchecked` (the site provisioned
 * no CRL); `revoked_since_signing` (listed, but from after the signature: it was made while the
 * card was good); `crl_not_current` (no current CRL for the issuer, accepted by the `warn` policy).
 */
export type SigningRevocation =
  | { readonly state: 'good' }
  | { readonly state: 'unchecked' }
  | { readonly state: 'revoked_since_signing'; readonly revokedAt: Date }
  | { readonly state: 'crl_not_current' };

export type SigningRevocationRejection =
  { readonly reason: 'revoked'; readonly revokedAt: Date } | { readonly reason: 'revocation_unknown' };

/** The CRLs a record check takes: parsed (CLI, tests) or indexed once by the kiosk (key workers). */
export interface SigningRevocationConfig {
  readonly crls: readonly (x509.X509Crl | CrlIndex)[];
  readonly staleCrl: StaleCrlPolicy;
}

/** One CRL, parsed or indexed, as the signing-time check reads it. */
interface CrlView {
  readonly issuer: string;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  signedBy(issuer: IssuingCertificate): Promise<boolean>;
  revokedAt(cert: RevocableCertificate): Date | undefined;
}

function isIndex(crl: x509.X509Crl | CrlIndex): crl is CrlIndex {
  return 'revoked' in crl && crl.revoked instanceof Map;
}

/** A parsed CRL verified with the issuer's key, as `X509Crl.verify` does (its module is loaded: `crl` exists). */
async function parsedCrlSignedBy(crl: x509.X509Crl, issuer: IssuingCertificate): Promise<boolean> {
  try {
    const { PublicKey } = await import('./x509.ts');
    return await crl.verify({ publicKey: new PublicKey(new Uint8Array(issuer.spki)) });
  } catch {
    return false;
  }
}

function viewOf(crl: x509.X509Crl | CrlIndex): CrlView {
  if (!isIndex(crl)) {
    return {
      issuer: crl.issuer,
      thisUpdate: crl.thisUpdate,
      ...(crl.nextUpdate === undefined ? {} : { nextUpdate: crl.nextUpdate }),
      signedBy: (issuer) => parsedCrlSignedBy(crl, issuer),
      revokedAt: (cert) => revokedAt(crl, cert),
    };
  }
  return {
    issuer: crl.issuer,
    thisUpdate: new Date(crl.thisUpdate),
    ...(crl.nextUpdate === undefined ? {} : { nextUpdate: new Date(crl.nextUpdate) }),
    signedBy: async (issuer) => indexSignedBy(crl, issuer.spki),
    revokedAt: (cert) => {
      const at = crl.revoked.get(serialKey(cert.serialNumber));
      return at === undefined ? undefined : new Date(at);
    },
  };
}

/**
 * A certificate listed with a date at or before `signedAt` is refused whatever the CRL's age (a
 * later list only adds entries). Otherwise the CRL must be current (neither past its nextUpdate nor
 * from the future) or the site's `staleCrl` policy decides: `warn` accepts with a note, `refuse`
 * refuses as unknown — a card revoked after signing under a stale list included, since a newer list
 * could date the compromise earlier.
 */
export async function revocationAtSigning(
  cert: RevocableCertificate,
  issuer: IssuingCertificate,
  config: SigningRevocationConfig | undefined,
  signedAt: Date,
  now: Date,
): Promise<Result<SigningRevocation, SigningRevocationRejection>> {
  if (config === undefined || config.crls.length === 0) return ok({ state: 'unchecked' });
  let crl: CrlView | undefined;
  for (const candidate of config.crls.map(viewOf)) {
    if (candidate.issuer !== cert.issuer || !(await candidate.signedBy(issuer))) continue;
    if (crl === undefined || candidate.thisUpdate.getTime() > crl.thisUpdate.getTime()) crl = candidate;
  }
  const listed = crl?.revokedAt(cert);
  if (listed !== undefined && listed.getTime() <= signedAt.getTime())
    return err({ reason: 'revoked', revokedAt: listed });
  const current = crl !== undefined && crlState(crl, now) === 'current';
  if (!current && config.staleCrl === 'refuse') return err({ reason: 'revocation_unknown' });
  if (listed !== undefined) return ok({ state: 'revoked_since_signing', revokedAt: listed });
  return ok({ state: current ? 'good' : 'crl_not_current' });
}
