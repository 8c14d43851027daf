/**
 * Revocation of professional card certificates by the CRLs provisioned with the site
 * configuration (RFC 5280 §6.3, without delta CRLs or distribution-point scoping): a CRL counts
 * for a certificate when its issuer name is the certificate's issuer and the issuer's key signed
 * it. Checked at login, and callable at signing time for a record's signer (doctor-writes).
 */
import type { Result } from '../../common/result.ts';
import { err, ok } from '../../common/result.ts';
import { x509 } from './x509.ts';

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

/** Parses PEM or DER CRL files; throws on bad configuration (checked at provisioning). */
export function parseCrls(files: readonly (string | Uint8Array)[]): x509.X509Crl[] {
  return files.flatMap((f) =>
    typeof f === 'string'
      ? x509.PemConverter.decode(f).map((der) => new x509.X509Crl(der))
      : [new x509.X509Crl(new Uint8Array(f))],
  );
}

async function crlFor(
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

export async function checkRevocation(
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  config: RevocationConfig | undefined,
  now: Date,
): Promise<Result<RevocationStatus, RevocationRejection>> {
  if (config === undefined || config.crls.length === 0) return ok('unchecked');
  const crl = await crlFor(cert, issuer, config.crls);
  if (crl === undefined) return config.staleCrl === 'refuse' ? err('revocation_unknown') : ok('unchecked');
  // A CRL issued "in the future" says more about the kiosk's clock than about the card.
  if (crl.thisUpdate.getTime() - now.getTime() > CLOCK_SKEW_MS) return err('clock_suspect');
  if (crl.findRevoked(cert) !== null) return err('revoked');
  const stale = crl.nextUpdate !== undefined && crl.nextUpdate.getTime() < now.getTime();
  if (!stale) return ok('good');
  return config.staleCrl === 'refuse' ? err('revocation_unknown') : ok('good_stale_crl');
}

export interface CrlSummary {
  readonly issuer: string;
  readonly thisUpdate: string;
  readonly nextUpdate?: string;
  readonly entries: number;
  readonly state: 'current' | 'stale' | 'not_yet_valid';
}

/** For the technician's diagnostics: each provisioned CRL and whether it is current. */
export function summariseCrls(config: RevocationConfig | undefined, now: Date): CrlSummary[] {
  return (config?.crls ?? []).map((crl) => {
    const next = crl.nextUpdate;
    const state =
      crl.thisUpdate.getTime() - now.getTime() > CLOCK_SKEW_MS
        ? 'not_yet_valid'
        : next !== undefined && next.getTime() < now.getTime()
          ? 'stale'
          : 'current';
    return {
      issuer: crl.issuer,
      thisUpdate: crl.thisUpdate.toISOString(),
      ...(next !== undefined ? { nextUpdate: next.toISOString() } : {}),
      entries: crl.entries.length,
      state,
    };
  });
}
