/**
 * Virtual PIV cards personalised from the development PKI (appliance/dev/pki/dev-pki.ts), for simulated mode
 * and integration tests. Insert = connect to vpcd, remove = close.
 */
import { randomBytes, webcrypto } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { DevPki, DevProfile } from '../pki/dev-pki.ts';
import { x509 } from '../../drivers/smartcard/x509.ts';
import type { Applet, PivPersonalisation } from './piv-applet.ts';
import { GarbageApplet, PivApplet } from './piv-applet.ts';
import type { VirtualCardOptions } from './vpcd-card.ts';
import { VirtualCard } from './vpcd-card.ts';

export { VirtualCard, VPCD_DEFAULT_PORT } from './vpcd-card.ts';
export type { VirtualCardOptions } from './vpcd-card.ts';
export { GarbageApplet, PivApplet } from './piv-applet.ts';
export type { Applet, PivPersonalisation } from './piv-applet.ts';

/** The dev PKI's people, plus `blocked` (the nurse's card with its PIN blocked) and `garbage`. */
export type VirtualCardProfile = DevProfile | 'blocked' | 'garbage';

export const PIV_MAX_RETRIES = 3;

/** P-256 private scalar of a PKCS#8 PEM key. */
async function privateScalar(keyPem: string): Promise<Uint8Array> {
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(keyPem),
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['sign'],
  );
  const jwk = await webcrypto.subtle.exportKey('jwk', key);
  return new Uint8Array(Buffer.from(jwk.d ?? '', 'base64url'));
}

export async function personalise(
  person: { certPem: string; keyPem: string; pin: string },
  options: { retries?: number; compressCertificate?: boolean } = {},
): Promise<PivPersonalisation> {
  const certificateDer = new Uint8Array(x509.PemConverter.decodeFirst(person.certPem));
  const compress = options.compressCertificate ?? false;
  return {
    certificateDer,
    privateKey: await privateScalar(person.keyPem),
    pin: person.pin,
    retries: options.retries ?? PIV_MAX_RETRIES,
    maxRetries: PIV_MAX_RETRIES,
    guid: new Uint8Array(randomBytes(16)),
    compressCertificate: compress,
    ...(compress ? { compressedCertificate: new Uint8Array(gzipSync(certificateDer)) } : {}),
  };
}

export async function createApplet(pki: DevPki, profile: VirtualCardProfile): Promise<Applet> {
  switch (profile) {
    case 'garbage':
      return new GarbageApplet();
    case 'blocked':
      return new PivApplet(await personalise(pki.people.nurse, { retries: 0 }));
    default: {
      // The doctor's card stores its certificate gzip-compressed (CertInfo 01), as many cards do.
      const person = pki.people[profile];
      const perso = await personalise(person, { compressCertificate: profile === 'doctor' });
      // Doctor and midwife cards also carry the Digital Signature key 9C that signs records.
      const signing =
        person.signing === undefined
          ? {}
          : {
              signing: {
                certificateDer: new Uint8Array(x509.PemConverter.decodeFirst(person.signing.certPem)),
                privateKey: await privateScalar(person.signing.keyPem),
              },
            };
      return new PivApplet({ ...perso, ...signing });
    }
  }
}

/** A virtual card for `profile`, not inserted yet: call `insert()` / `remove()`. */
export async function createVirtualCard(
  pki: DevPki,
  profile: VirtualCardProfile,
  options: VirtualCardOptions = {},
): Promise<VirtualCard> {
  return new VirtualCard(await createApplet(pki, profile), options);
}
