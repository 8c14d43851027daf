/**
 * The signed site bundle a technician brings on a provisioning stick (docs/technician-guide.md,
 * "Provision"): `BALADEUR-SITE/site.json`, the site's CRL files, and `BALADEUR-SITE/site.jws`, a
 * compact JWS whose payload is the manifest below (each file's name, size and SHA-256). The
 * signer is a provisioning key whose certificate (JWS `x5c`) chains to the factory CA. Shared by
 * the CLI that signs (`baladeur site sign`) and the kiosk that verifies (server/technician).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { CompactSign, compactVerify, importPKCS8, importX509 } from 'jose';
import { z } from 'zod';

export const SITE_DIR = 'BALADEUR-SITE';
export const SITE_JSON_NAME = 'site.json';
export const SITE_SIGNATURE_NAME = 'site.jws';
export const SITE_SIGNATURE_TYPE = 'baladeur-site+jws';
export const SITE_MANIFEST_FORMAT = 'baladeur-site-signature/1';
export const SITE_JSON_MAX_BYTES = 256 * 1024;
/** CPS authorities publish large CRLs (every card ever revoked): a few MiB each. */
export const SITE_CRL_MAX_BYTES = 8 * 1024 * 1024;
export const SITE_CRL_MAX_COUNT = 16;
export const SITE_SIGNATURE_MAX_BYTES = 64 * 1024;
export const SITE_SIGNING_ALGORITHMS = ['ES256', 'ES384', 'PS256', 'RS256'] as const;
export type SiteSigningAlgorithm = (typeof SITE_SIGNING_ALGORITHMS)[number];

/** CRL file names on the stick, in the bundle's order: `crl-1.crl`, `crl-2.crl`, … (PEM or DER). */
export const crlFileName = (index: number): string => `crl-${index + 1}.crl`;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const SiteManifestSchema = z
  .object({
    format: z.literal(SITE_MANIFEST_FORMAT),
    site: z
      .object({ name: z.literal(SITE_JSON_NAME), bytes: z.number().int().min(1), sha256: Sha256 })
      .strict(),
    crls: z
      .array(
        z
          .object({
            name: z.string().regex(/^crl-[0-9]{1,2}\.crl$/),
            bytes: z.number().int().min(1).max(SITE_CRL_MAX_BYTES),
            sha256: Sha256,
          })
          .strict(),
      )
      .max(SITE_CRL_MAX_COUNT)
      .refine(
        (crls) => crls.every((c, i) => c.name === crlFileName(i)),
        'CRLs are named crl-1.crl, crl-2.crl, …',
      ),
  })
  .strict();
export type SiteManifest = z.infer<typeof SiteManifestSchema>;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function siteManifest(site: Uint8Array, crls: readonly Uint8Array[]): SiteManifest {
  return {
    format: SITE_MANIFEST_FORMAT,
    site: { name: SITE_JSON_NAME, bytes: site.byteLength, sha256: sha256Hex(site) },
    crls: crls.map((crl, i) => ({ name: crlFileName(i), bytes: crl.byteLength, sha256: sha256Hex(crl) })),
  };
}

export interface SiteSigner {
  /** PKCS#8 PEM private key of the provisioning certificate. */
  readonly keyPem: string;
  readonly alg: SiteSigningAlgorithm;
  /** DER certificates, base64 (standard alphabet): the provisioning certificate first, then intermediates. */
  readonly x5c: readonly string[];
}

/** The `site.jws` text for a manifest (RFC 7515 compact serialization, `iat` the signing time). */
export async function signSiteManifest(
  manifest: SiteManifest,
  signer: SiteSigner,
  now: Date,
): Promise<string> {
  const key = await importPKCS8(signer.keyPem, signer.alg);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
    .setProtectedHeader({
      alg: signer.alg,
      typ: SITE_SIGNATURE_TYPE,
      x5c: [...signer.x5c],
      iat: Math.floor(now.getTime() / 1000),
    })
    .sign(key);
}

/** ES256 / ES384 for P-256 / P-384 keys, PS256 for RSA (RFC 7518 §3.5); others are not offered. */
export function siteSigningAlgorithm(certificatePem: string): SiteSigningAlgorithm | undefined {
  const key = new X509Certificate(certificatePem).publicKey;
  if (key.asymmetricKeyType === 'rsa') return 'PS256';
  if (key.asymmetricKeyType !== 'ec') return undefined;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return curve === 'prime256v1' ? 'ES256' : curve === 'secp384r1' ? 'ES384' : undefined;
}

export interface SiteBundleFile {
  /** Inside `BALADEUR-SITE/`. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * The files of a signed bundle: `site.json` and the CRLs as given (byte for byte), and `site.jws`.
 * `certificatesPem` holds the provisioning certificate first, then any intermediate CA.
 */
export async function buildSiteBundle(input: {
  readonly site: Uint8Array;
  readonly crls: readonly Uint8Array[];
  readonly keyPem: string;
  readonly certificatesPem: string;
  readonly now: Date;
}): Promise<SiteBundleFile[]> {
  const blocks =
    input.certificatesPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const [leaf] = blocks;
  if (leaf === undefined) throw new Error('no certificate');
  const alg = siteSigningAlgorithm(leaf);
  if (alg === undefined) throw new Error('the certificate key is neither P-256, P-384 nor RSA');
  const x5c = blocks.map((pem) => Buffer.from(new X509Certificate(pem).raw).toString('base64'));
  const jws = await signSiteManifest(
    siteManifest(input.site, input.crls),
    { keyPem: input.keyPem, alg, x5c },
    input.now,
  );
  try {
    await compactVerify(jws, await importX509(leaf, alg), { algorithms: [alg] });
  } catch {
    throw new Error('the private key does not belong to the certificate');
  }
  return [
    { name: SITE_JSON_NAME, bytes: input.site },
    ...input.crls.map((bytes, i) => ({ name: crlFileName(i), bytes })),
    { name: SITE_SIGNATURE_NAME, bytes: new TextEncoder().encode(`${jws}\n`) },
  ];
}
