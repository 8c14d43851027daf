/**
 * Whether a professional card's certificate is to be trusted now: chain, dates and key usage
 * (certificate.ts), then revocation (revocation.ts). Used at login by both card drivers, and
 * callable at signing time for a record's signer.
 */
import type { StaffMapping } from '../../common/certificate-profile.ts';
import type { Result } from '../../common/result.ts';
import type { CertificateRejection } from './certificate.ts';
import { verifyCertificate } from './certificate.ts';
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

export async function checkTrust(
  cert: x509.X509Certificate,
  trust: TrustConfig,
): Promise<Result<RevocationStatus, TrustRejection>> {
  const now = trust.now?.() ?? new Date();
  const chain = await verifyCertificate(cert, trust.anchors, now, trust.intermediates);
  if (!chain.ok) return chain;
  const issuer = chain.value[1];
  if (issuer === undefined) return { ok: false, error: 'untrusted' };
  return checkRevocation(cert, issuer, trust.revocation, now);
}
