/**
 * Verifying `BALADEUR-SITE/site.jws` (common/site-bundle.ts) against the factory CA: the JWS is
 * well formed and typed for this use, signed by its `x5c` leaf, and that leaf is a provisioning
 * certificate on a path to the factory CA under the record signers' RFC 5280 rules
 * (record/crypto/path-rules.ts), every certificate of the path valid on the kiosk's clock.
 * Outcomes are message keys of provisioning-messages.ts; nothing here reads the stick.
 */
import { compactVerify, decodeProtectedHeader, importX509, type ProtectedHeaderParameters } from 'jose';
import { err, ok, type Result } from '../../common/result.ts';
import {
  SITE_SIGNATURE_TYPE,
  SITE_SIGNING_ALGORITHMS,
  SiteManifestSchema,
  type SiteManifest,
} from '../../common/site-bundle.ts';
import { parsePemBundle, type RecordCertificate } from '../../record/crypto/certificate.ts';
import {
  KEY_USAGE,
  MALFORMED,
  extendedKeyUsagesOf,
  hasUnknownCriticalExtension,
  isCertificateAuthority,
  keyUsageOf,
  pathLengthRespected,
} from '../../record/crypto/path-rules.ts';
import { buildPath, x5cChain } from '../../record/crypto/verify.ts';

/** id-kp-documentSigning (RFC 9336): the factory CA gives it to provisioning keys, never to technician cards (clientAuth). */
export const PROVISIONING_EXTENDED_KEY_USAGE = '1.3.6.1.5.5.7.3.36';

/** A date this far ahead of the kiosk's clock suspects the clock, not the certificate (as for cards, issue 17). */
export const SITE_CLOCK_SKEW_MS = 5 * 60_000;

export type SiteSignatureProblem =
  | 'signature.no_factory_ca'
  | 'signature.malformed'
  | 'signature.invalid'
  | 'signature.untrusted'
  | 'signature.not_provisioning'
  | 'signature.expired'
  | 'signature.clock';

export interface VerifiedSiteSignature {
  readonly manifest: SiteManifest;
  readonly signedAt: Date;
  /** The provisioning certificate's subject (shown on the check report). */
  readonly signer: string;
}

/** Digital signature key usage and the provisioning EKU; not a CA. */
function isProvisioningCertificate(cert: RecordCertificate): boolean {
  const usage = keyUsageOf(cert);
  if (usage === undefined || usage === MALFORMED || (usage & KEY_USAGE.digitalSignature) === 0) return false;
  const extended = extendedKeyUsagesOf(cert);
  if (extended === undefined || extended === MALFORMED || !extended.includes(PROVISIONING_EXTENDED_KEY_USAGE))
    return false;
  return !isCertificateAuthority(cert);
}

function signingTime(header: ProtectedHeaderParameters): Date | undefined {
  const iat: unknown = header.iat;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat < 0 || iat > 1e11) return undefined;
  return new Date(iat * 1000);
}

function manifestOf(payload: Uint8Array): SiteManifest | undefined {
  try {
    const parsed = SiteManifestSchema.safeParse(
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function verifySiteSignature(
  jws: string,
  factoryAnchorsPem: readonly string[],
  now: Date,
): Promise<Result<VerifiedSiteSignature, SiteSignatureProblem>> {
  const anchors = factoryAnchorsPem.flatMap((pem) => parsePemBundle(pem));
  if (anchors.length === 0) return err('signature.no_factory_ca');
  const compact = jws.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(compact)) return err('signature.malformed');
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(compact);
  } catch {
    return err('signature.malformed');
  }
  const alg = header.alg as (typeof SITE_SIGNING_ALGORITHMS)[number];
  const chain = x5cChain(header);
  const leaf = chain?.[0];
  const signedAt = signingTime(header);
  if (!SITE_SIGNING_ALGORITHMS.includes(alg) || header.typ !== SITE_SIGNATURE_TYPE)
    return err('signature.malformed');
  if (chain === undefined || leaf === undefined || signedAt === undefined) return err('signature.malformed');
  let payload: Uint8Array;
  try {
    const key = await importX509(leaf.pem, alg);
    payload = (await compactVerify(compact, key, { algorithms: [alg] })).payload;
  } catch {
    return err('signature.invalid');
  }
  const manifest = manifestOf(payload);
  if (manifest === undefined) return err('signature.malformed');
  const path = await buildPath(leaf, chain.slice(1), anchors);
  if (path === undefined) return err('signature.untrusted');
  const [, ...issuers] = path;
  if (
    !issuers.every(isCertificateAuthority) ||
    !pathLengthRespected(path) ||
    path.some(hasUnknownCriticalExtension)
  )
    return err('signature.untrusted');
  if (!isProvisioningCertificate(leaf)) return err('signature.not_provisioning');
  const ahead = (date: Date) => date.getTime() - now.getTime() > SITE_CLOCK_SKEW_MS;
  if (path.some((cert) => ahead(cert.notBefore)) || ahead(signedAt)) return err('signature.clock');
  if (path.some((cert) => cert.notAfter.getTime() < now.getTime())) return err('signature.expired');
  return ok({ manifest, signedAt, signer: leaf.subject });
}
