/**
 * Revocation of professional card certificates by the CRLs provisioned with the site (RFC 5280
 * §6.3, without delta CRLs or distribution-point scoping): a CRL counts for a certificate when its
 * issuer name is the certificate's issuer and the issuer's key signed it. Pure, shared by the card
 * drivers (login: revoked at all) and the record (a signature: revoked before it was made).
 */
import type { Result } from './result.ts';
import { err, ok } from './result.ts';
import { crlState, type CrlState, type StaleCrlPolicy } from './signing-revocation.ts';
import * as x509 from './x509.ts';

export {
  CLOCK_SKEW_MS,
  crlState,
  revocationAtSigning,
  revokedAt,
  type CrlState,
  type SigningRevocation,
  type SigningRevocationConfig,
  type SigningRevocationRejection,
  type StaleCrlPolicy,
} from './signing-revocation.ts';

export interface RevocationConfig {
  readonly crls: readonly x509.X509Crl[];
  readonly staleCrl: StaleCrlPolicy;
}

/** `unchecked`: no CRL provisioned at all (revocation not configured at this site). */
export type RevocationStatus = 'good' | 'good_stale_crl' | 'unchecked';
export type RevocationRejection = 'revoked' | 'revocation_unknown' | 'clock_suspect';

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
