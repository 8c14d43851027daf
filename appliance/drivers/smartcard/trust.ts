/**
 * Whether a professional card's certificate is to be trusted now: chain, dates and key usage
 * (certificate.ts), then revocation (revocation.ts). Used at login by both card drivers, and
 * callable at signing time for a record's signer.
 */
import type { StaffMapping } from '../../common/certificate-profile.ts';
import type { Result } from '../../common/result.ts';
import type { CertificateRejection } from './certificate.ts';
import { identityFromCertificate, verifyCertificate } from './certificate.ts';
import type { RevocationConfig, RevocationRejection, RevocationStatus } from './revocation.ts';
import { checkRevocation } from './revocation.ts';
import type { x509 } from './x509.ts';

export interface TrustConfig {
  readonly anchors: readonly x509.X509Certificate[];
  readonly intermediates?: readonly x509.X509Certificate[];
  /** The site's CRLs and its policy for a stale one; absent: revocation is not checked. */
  readonly revocation?: RevocationConfig;
  /** The site's roles for establishment staff (config `staffMappings`); absent or empty: none. */
  readonly staffMappings?: readonly StaffMapping[];
  readonly now?: () => Date;
}

export type TrustRejection = CertificateRejection | RevocationRejection;

async function checkAt(
  cert: x509.X509Certificate,
  trust: TrustConfig,
  now: Date,
): Promise<Result<RevocationStatus, TrustRejection>> {
  const chain = await verifyCertificate(cert, trust.anchors, now, trust.intermediates);
  if (!chain.ok) return chain;
  const issuer = chain.value[1];
  if (issuer === undefined) return { ok: false, error: 'untrusted' };
  return checkRevocation(cert, issuer, trust.revocation, now);
}

const isTechnicianCard = (cert: x509.X509Certificate, trust: TrustConfig): boolean => {
  const identity = identityFromCertificate(cert, trust.staffMappings);
  return identity.ok && identity.value.profession === 'technician';
};

/**
 * The clock a technician card is judged on when the kiosk's is behind it: the card's own start, or
 * the newest CRL's, whichever is later (so the card's own CRL still counts).
 */
function clockForTechnician(cert: x509.X509Certificate, trust: TrustConfig): Date {
  const starts = [cert.notBefore, ...(trust.revocation?.crls ?? []).map((crl) => crl.thisUpdate)];
  return new Date(Math.max(...starts.map((d) => d.getTime())));
}

export async function checkTrust(
  cert: x509.X509Certificate,
  trust: TrustConfig,
): Promise<Result<RevocationStatus, TrustRejection>> {
  const now = trust.now?.() ?? new Date();
  const result = await checkAt(cert, trust, now);
  // A kiosk whose RTC was reset sees every card "not yet valid" (HZ-25): the technician, who is the
  // one to set the clock, must still get in. Only a technician card, only for a clock behind its
  // dates, and every other rule (chain, key usage, revocation) judged on the card's own start.
  if (result.ok || result.error !== 'clock_suspect' || !isTechnicianCard(cert, trust)) return result;
  return checkAt(cert, trust, clockForTechnician(cert, trust));
}
