/**
 * Revocation of professional card certificates by the CRLs provisioned with the site (RFC 5280
 * §6.3, without delta CRLs or distribution-point scoping): a CRL counts for a certificate when its
 * issuer name is the certificate's issuer and the issuer's key signed it. Pure, shared by the card
 * drivers (login: revoked at all) and the record (a signature: revoked before it was made).
 */
import { indexSignedBy, serialKey, type CrlIndex } from './crl-index.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';
import * as x509 from './x509.ts';

/** What a CRL past its nextUpdate means at this site: `warn` (accept, shown on diagnostics) or `refuse`. */
export type StaleCrlPolicy = 'warn' | 'refuse';

export interface RevocationConfig {
  readonly crls: readonly x509.X509Crl[];
  readonly staleCrl: StaleCrlPolicy;
}

/** `unchecked`: no CRL provisioned at all (revocation not configured at this site). */
export type RevocationStatus = 'good' | 'good_stale_crl' | 'unchecked';
export type RevocationRejection = 'revoked' | 'revocation_unknown' | 'clock_suspect';

/** How far ahead of the kiosk's clock a date may be before the clock is suspected (not the card). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A CRL is site material (signed bundle, ≤ 8 MiB per file), not hostile input: the ASN.1 parser's
 * default cap of 10 000 nodes would refuse any CRL of more than about 2 000 revoked cards, as a
 * national authority's are. Every node takes at least two bytes, so the file's size bounds them.
 */
function crlOf(der: ArrayBuffer | Uint8Array): x509.X509Crl {
  const bytes = new Uint8Array(der);
  return new x509.X509Crl(bytes, { berOptions: { maxNodes: Math.max(10_000, bytes.byteLength) } });
}

/** Parses PEM or DER CRL files; throws on bad configuration (checked at provisioning). */
export function parseCrls(files: readonly (string | Uint8Array)[]): x509.X509Crl[] {
  return files.flatMap((f) =>
    typeof f === 'string' ? x509.PemConverter.decode(f).map((der) => crlOf(der)) : [crlOf(f)],
  );
}

/** The newest CRL naming `cert`'s issuer and signed by `issuer`'s key; others count for nothing. */
export async function issuerCrl(
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  crls: readonly x509.X509Crl[],
): Promise<x509.X509Crl | undefined> {
  let newest: x509.X509Crl | undefined;
  for (const crl of crls) {
    if (crl.issuer !== cert.issuer) continue;
    const signed = await crl.verify({ publicKey: issuer.publicKey }).catch(() => false);
    if (!signed) continue;
    if (newest === undefined || crl.thisUpdate.getTime() > newest.thisUpdate.getTime()) newest = crl;
  }
  return newest;
}

export type CrlState = 'current' | 'stale' | 'not_yet_valid';

export function crlState(
  crl: { readonly thisUpdate: Date; readonly nextUpdate?: Date | undefined },
  now: Date,
): CrlState {
  if (crl.thisUpdate.getTime() - now.getTime() > CLOCK_SKEW_MS) return 'not_yet_valid';
  const next = crl.nextUpdate;
  return next !== undefined && next.getTime() < now.getTime() ? 'stale' : 'current';
}

/**
 * When `cert` stopped being good according to `crl`, or undefined when it is not listed. The
 * invalidity date (RFC 5280 §5.3.2: when the key is known or suspected to have been compromised)
 * counts when it is earlier than the revocation date.
 */
export function revokedAt(crl: x509.X509Crl, cert: x509.X509Certificate): Date | undefined {
  const entry = crl.findRevoked(cert);
  if (entry === null) return undefined;
  const invalid = entry.invalidity;
  return invalid !== undefined && invalid.getTime() < entry.revocationDate.getTime()
    ? invalid
    : entry.revocationDate;
}

/** At login: a card listed at all is refused. */
export async function checkRevocation(
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  config: RevocationConfig | undefined,
  now: Date,
): Promise<Result<RevocationStatus, RevocationRejection>> {
  if (config === undefined || config.crls.length === 0) return ok('unchecked');
  const crl = await issuerCrl(cert, issuer, config.crls);
  if (crl === undefined) return config.staleCrl === 'refuse' ? err('revocation_unknown') : ok('unchecked');
  const state = crlState(crl, now);
  // A CRL issued "in the future" says more about the kiosk's clock than about the card.
  if (state === 'not_yet_valid') return err('clock_suspect');
  if (crl.findRevoked(cert) !== null) return err('revoked');
  if (state === 'current') return ok('good');
  return config.staleCrl === 'refuse' ? err('revocation_unknown') : ok('good_stale_crl');
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
  signedBy(issuer: x509.X509Certificate): Promise<boolean>;
  revokedAt(cert: x509.X509Certificate): Date | undefined;
}

function viewOf(crl: x509.X509Crl | CrlIndex): CrlView {
  if (crl instanceof x509.X509Crl) {
    return {
      issuer: crl.issuer,
      thisUpdate: crl.thisUpdate,
      ...(crl.nextUpdate === undefined ? {} : { nextUpdate: crl.nextUpdate }),
      signedBy: (issuer) => crl.verify({ publicKey: issuer.publicKey }).catch(() => false),
      revokedAt: (cert) => revokedAt(crl, cert),
    };
  }
  return {
    issuer: crl.issuer,
    thisUpdate: new Date(crl.thisUpdate),
    ...(crl.nextUpdate === undefined ? {} : { nextUpdate: new Date(crl.nextUpdate) }),
    signedBy: async (issuer) => indexSignedBy(crl, issuer),
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
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
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

export interface CrlSummary {
  readonly issuer: string;
  readonly thisUpdate: string;
  readonly nextUpdate?: string;
  readonly entries: number;
  readonly state: CrlState;
}

/** For the technician's diagnostics: each provisioned CRL and whether it is current. */
export function summariseCrls(config: RevocationConfig | undefined, now: Date): CrlSummary[] {
  return (config?.crls ?? []).map((crl) => {
    const next = crl.nextUpdate;
    return {
      issuer: crl.issuer,
      thisUpdate: crl.thisUpdate.toISOString(),
      ...(next !== undefined ? { nextUpdate: next.toISOString() } : {}),
      entries: crl.entries.length,
      state: crlState(crl, now),
    };
  });
}
