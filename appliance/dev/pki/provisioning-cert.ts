/**
 * The development provisioning certificate: what a site administrator's provisioning key holds in
 * production, issued here by the dev TEST CA (the factory CA of a development image), so the dev
 * kiosk and the tests can sign site bundles (`baladeur site sign`, common/site-bundle.ts).
 */
import { webcrypto } from 'node:crypto';
import { x509 } from '../../drivers/smartcard/x509.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export const PROVISIONING_NAME = 'Baladeur TEST provisioning - not for production';

export interface IssuingCa {
  readonly cert: x509.X509Certificate;
  readonly key: CryptoKey;
}

/** A P-256 provisioning certificate (digitalSignature, documentSigning) valid from `notBefore` for `days`. */
export async function makeProvisioningCertificate(
  ca: IssuingCa,
  options: { readonly notBefore?: Date; readonly days?: number; readonly name?: string } = {},
): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY);
  const cert = await x509.X509CertificateGenerator.create({
    subject: [{ CN: [options.name ?? PROVISIONING_NAME] }, { O: ['Baladeur development'] }],
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: EC,
    notBefore,
    notAfter: new Date(notBefore.getTime() + (options.days ?? 730) * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.36']),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  const keyPem = x509.PemConverter.encode(
    await webcrypto.subtle.exportKey('pkcs8', keys.privateKey),
    'PRIVATE KEY',
  );
  return { certPem: cert.toString('pem'), keyPem };
}
