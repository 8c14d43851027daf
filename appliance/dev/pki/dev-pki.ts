/**
 * Development PKI: a TEST certificate authority, an unknown CA, professional card certificates and
 * the emergency-access key pair, generated into `<repo>/.dev/pki` (gitignored). Idempotent: only
 * what is missing is created. A fresh folder is built in a temporary sibling and renamed into
 * place, so two processes calling `ensureDevPki()` at once end with one consistent set.
 *
 * Run: `npm run setup` (or `node --import tsx appliance/dev/pki/dev-pki.ts [dir]`).
 */
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_ROOT } from '../../common/app-root.ts';
import { fileURLToPath } from 'node:url';
import { x509 } from '../../drivers/smartcard/x509.ts';
import type { Profession } from '../../common/professions.ts';
import { PROFESSION_CODES } from '../../common/professions.ts';
import type { DevProfile, DevProfileEntry } from './profiles.ts';
import { DEV_PROFILE_ENTRIES } from './profiles.ts';
import { makeProvisioningCertificate } from './provisioning-cert.ts';

export { DEV_PROFILES, DEV_PROFILE_ENTRIES, isValidLuhn, luhnCheckDigit } from './profiles.ts';
export type { DevProfile, DevProfileEntry } from './profiles.ts';

export interface PemPair {
  readonly certPath: string;
  readonly keyPath: string;
  readonly certPem: string;
  /** PKCS#8 PEM, P-256. */
  readonly keyPem: string;
}

export interface DevPerson extends DevProfileEntry, PemPair {
  /** The card's Digital Signature key (PIV 9C) and certificate: doctor and midwife, who sign records. */
  readonly signing?: PemPair;
}

/** Profiles whose cards carry a 9C signing key and certificate (the default record-signing policy). */
export const SIGNING_PROFILES: readonly DevProfile[] = ['doctor', 'midwife'];

export interface DevPki {
  readonly dir: string;
  readonly testCa: PemPair;
  readonly unknownCa: PemPair;
  readonly people: Readonly<Record<DevProfile, DevPerson>>;
  /** Signs site bundles (digitalSignature, documentSigning), issued by the test CA (docs/technician-guide.md). */
  readonly provisioning: PemPair;
  readonly profilesPath: string;
  readonly emergency: {
    readonly privateJwkPath: string;
    readonly keyringPath: string;
    readonly privateJwk: JsonWebKey & { kid: string };
    readonly keyring: { keys: (JsonWebKey & { kid: string })[] };
  };
}

export const TEST_CA_NAME = 'Baladeur TEST CA - not for production';
export const UNKNOWN_CA_NAME = 'Unknown TEST CA - never a trust anchor';
export const EMERGENCY_KID = 'emergency-2026';
export const DEFAULT_PKI_DIR = path.join(APP_ROOT, '.dev', 'pki');

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

const professionCode = (p: Profession): string => (p === 'technician' ? 'TECH' : PROFESSION_CODES[p]);

const pemKey = async (key: CryptoKey): Promise<string> =>
  x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');

async function importPair(
  certPem: string,
  keyPem: string,
): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const key = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(keyPem), EC, true, [
    'sign',
  ]);
  return { cert: new x509.X509Certificate(certPem), key };
}

async function makeCa(cn: string): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: [cn] }, { O: ['Baladeur development'] }],
    keys,
    signingAlgorithm: EC,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 10 * 365 * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await pemKey(keys.privateKey) };
}

async function makePerson(
  entry: DevProfileEntry,
  ca: { cert: x509.X509Certificate; key: CryptoKey },
  purpose: 'authentication' | 'signing' = 'authentication',
): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const now = Date.now();
  const expired = entry.profile === 'nurse-expired';
  const notBefore = expired ? new Date('2023-03-01T00:00:00Z') : new Date(now - DAY);
  const notAfter = expired ? new Date('2025-03-01T00:00:00Z') : new Date(notBefore.getTime() + 730 * DAY);
  let usage = x509.KeyUsageFlags.digitalSignature;
  if (entry.profession === 'doctor' || purpose === 'signing') usage |= x509.KeyUsageFlags.nonRepudiation;
  // The 9C certificate signs documents (RFC 9336 documentSigning, and S/MIME); the 9A one logs in.
  const extendedUsages =
    purpose === 'signing'
      ? ['1.3.6.1.5.5.7.3.36', x509.ExtendedKeyUsage.emailProtection]
      : [x509.ExtendedKeyUsage.clientAuth];
  const cert = await x509.X509CertificateGenerator.create({
    subject: [
      { CN: [entry.name] },
      { '2.5.4.5': [entry.nationalId] },
      { T: [professionCode(entry.profession)] },
      { O: ['Baladeur development'] },
    ],
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: EC,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(usage, true),
      new x509.ExtendedKeyUsageExtension(extendedUsages),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await pemKey(keys.privateKey) };
}

async function makeEmergency(): Promise<{ privateJwk: string; keyring: string }> {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const meta = { kid: EMERGENCY_KID, alg: 'ECDH-ES+A256KW', use: 'enc' };
  const priv = { ...(await webcrypto.subtle.exportKey('jwk', keys.privateKey)), ...meta };
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  const pub = { kty, crv, x, y, ...meta };
  return {
    privateJwk: JSON.stringify(priv, null, 2) + '\n',
    keyring: JSON.stringify({ keys: [pub] }, null, 2) + '\n',
  };
}

const exists = async (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false,
  );

/** Writes `content` to `file` atomically (temp file + rename) unless the file already exists. */
async function writeIfMissing(file: string, content: string, mode = 0o600): Promise<void> {
  if (await exists(file)) return;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, file);
}

const pairPaths = (dir: string, base: string): { certPath: string; keyPath: string } => ({
  certPath: path.join(dir, `${base}.crt.pem`),
  keyPath: path.join(dir, `${base}.key.pem`),
});

/** Fills `dir` with whatever is missing. Certificates of a regenerated CA are regenerated too. */
async function fill(dir: string): Promise<string[]> {
  const made: string[] = [];
  const cas: Record<
    'test-ca' | 'unknown-ca',
    { cert: x509.X509Certificate; key: CryptoKey; fresh: boolean }
  > = {} as never;
  for (const [base, cn] of [
    ['test-ca', TEST_CA_NAME],
    ['unknown-ca', UNKNOWN_CA_NAME],
  ] as const) {
    const p = pairPaths(dir, base);
    const fresh = !((await exists(p.certPath)) && (await exists(p.keyPath)));
    if (fresh) {
      const ca = await makeCa(cn);
      await rm(p.certPath, { force: true });
      await rm(p.keyPath, { force: true });
      await writeIfMissing(p.keyPath, ca.keyPem);
      await writeIfMissing(p.certPath, ca.certPem, 0o644);
      made.push(base);
    }
    const loaded = await importPair(await readFile(p.certPath, 'utf8'), await readFile(p.keyPath, 'utf8'));
    cas[base] = { ...loaded, fresh };
  }
  for (const entry of DEV_PROFILE_ENTRIES) {
    const ca = entry.profile === 'nurse-untrusted' ? cas['unknown-ca'] : cas['test-ca'];
    const p = pairPaths(path.join(dir, 'people'), entry.profile);
    if (!ca.fresh && (await exists(p.certPath)) && (await exists(p.keyPath))) continue;
    const person = await makePerson(entry, ca);
    await rm(p.certPath, { force: true });
    await rm(p.keyPath, { force: true });
    await writeIfMissing(p.keyPath, person.keyPem);
    await writeIfMissing(p.certPath, person.certPem, 0o644);
    made.push(`people/${entry.profile}`);
  }
  for (const entry of DEV_PROFILE_ENTRIES.filter((e) => SIGNING_PROFILES.includes(e.profile))) {
    const p = pairPaths(path.join(dir, 'people'), `${entry.profile}-signing`);
    if (!cas['test-ca'].fresh && (await exists(p.certPath)) && (await exists(p.keyPath))) continue;
    const person = await makePerson(entry, cas['test-ca'], 'signing');
    await rm(p.certPath, { force: true });
    await rm(p.keyPath, { force: true });
    await writeIfMissing(p.keyPath, person.keyPem);
    await writeIfMissing(p.certPath, person.certPem, 0o644);
    made.push(`people/${entry.profile}-signing`);
  }
  const provisioning = pairPaths(dir, 'provisioning');
  if (
    cas['test-ca'].fresh ||
    !((await exists(provisioning.certPath)) && (await exists(provisioning.keyPath)))
  ) {
    const issued = await makeProvisioningCertificate(cas['test-ca']);
    await rm(provisioning.certPath, { force: true });
    await rm(provisioning.keyPath, { force: true });
    await writeIfMissing(provisioning.keyPath, issued.keyPem);
    await writeIfMissing(provisioning.certPath, issued.certPem, 0o644);
    made.push('provisioning');
  }
  const profilesPath = path.join(dir, 'profiles.json');
  if (!(await exists(profilesPath))) {
    await writeIfMissing(profilesPath, JSON.stringify(DEV_PROFILE_ENTRIES, null, 2) + '\n', 0o644);
    made.push('profiles.json');
  }
  const privPath = path.join(dir, 'emergency', `${EMERGENCY_KID}.private.jwk.json`);
  const ringPath = path.join(dir, 'emergency', 'keyring.public.jwks.json');
  if (!((await exists(privPath)) && (await exists(ringPath)))) {
    const e = await makeEmergency();
    await rm(privPath, { force: true });
    await rm(ringPath, { force: true });
    await writeIfMissing(privPath, e.privateJwk);
    await writeIfMissing(ringPath, e.keyring, 0o644);
    made.push('emergency');
  }
  return made;
}

async function load(dir: string): Promise<DevPki> {
  const pair = async (d: string, base: string): Promise<PemPair> => {
    const p = pairPaths(d, base);
    return { ...p, certPem: await readFile(p.certPath, 'utf8'), keyPem: await readFile(p.keyPath, 'utf8') };
  };
  const people = {} as Record<DevProfile, DevPerson>;
  for (const entry of DEV_PROFILE_ENTRIES) {
    const signing = SIGNING_PROFILES.includes(entry.profile)
      ? { signing: await pair(path.join(dir, 'people'), `${entry.profile}-signing`) }
      : {};
    people[entry.profile] = {
      ...entry,
      ...(await pair(path.join(dir, 'people'), entry.profile)),
      ...signing,
    };
  }
  const privateJwkPath = path.join(dir, 'emergency', `${EMERGENCY_KID}.private.jwk.json`);
  const keyringPath = path.join(dir, 'emergency', 'keyring.public.jwks.json');
  return {
    dir,
    testCa: await pair(dir, 'test-ca'),
    unknownCa: await pair(dir, 'unknown-ca'),
    people,
    provisioning: await pair(dir, 'provisioning'),
    profilesPath: path.join(dir, 'profiles.json'),
    emergency: {
      privateJwkPath,
      keyringPath,
      privateJwk: JSON.parse(await readFile(privateJwkPath, 'utf8')) as DevPki['emergency']['privateJwk'],
      keyring: JSON.parse(await readFile(keyringPath, 'utf8')) as DevPki['emergency']['keyring'],
    },
  };
}

let lastMade: string[] = [];

/** Reads the development PKI in `dir` without creating anything (rejects when a part is missing). */
export async function loadDevPki(dir: string = DEFAULT_PKI_DIR): Promise<DevPki> {
  return load(path.resolve(dir));
}

/** Ensures the development PKI exists in `dir` (creating only what is missing) and returns it. */
export async function ensureDevPki(dir: string = DEFAULT_PKI_DIR): Promise<DevPki> {
  const target = path.resolve(dir);
  lastMade = [];
  if (!(await exists(target))) {
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    await mkdir(tmp, { recursive: true, mode: 0o700 });
    try {
      const made = await fill(tmp);
      await rename(tmp, target);
      lastMade = made;
    } catch (error) {
      // Another process renamed its complete folder into place first: use theirs.
      if (!(await exists(path.join(target, 'profiles.json')))) throw error;
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  lastMade = [...lastMade, ...(await fill(target))];
  return load(target);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pki = await ensureDevPki(process.argv[2] ?? DEFAULT_PKI_DIR);
  console.log(
    lastMade.length > 0
      ? `dev PKI in ${pki.dir}: created ${lastMade.join(', ')}`
      : `dev PKI in ${pki.dir}: complete`,
  );
  for (const p of DEV_PROFILE_ENTRIES) {
    console.log(`  ${p.profile.padEnd(16)} ${p.nationalId}  ${p.profession.padEnd(10)} PIN ${p.pin}`);
  }
  console.log(`  trust anchor     ${pki.testCa.certPath}`);
  console.log(`  site signing     ${pki.provisioning.certPath} (baladeur site sign)`);
  console.log(`  emergency keys   ${pki.emergency.keyringPath}`);
}
