/**
 * Development CPS-like cards on SoftHSM2: one token per profile (softhsm-profiles.ts), each with an
 * RSA-2048 authentication key and certificate (clientAuth) and a signature one (non-repudiation),
 * issued by the dev TEST CA. SoftHSM keeps its tokens in the directory its configuration names:
 * ours is private (`<dir>/softhsm2.conf`), never the system's. The blocked card has no user PIN
 * (SoftHSM never locks a PIN itself: see docs/professional-cards.md).
 *
 * Loads the module in this process: call it before any driver of this process loads SoftHSM.
 */
import { createRequire } from 'node:module';
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PKCS11 } from 'pkcs11js';
import { PROFESSION_CODES, type Profession } from '../../common/professions.ts';
import { x509 } from '../../drivers/smartcard/x509.ts';
import type { DevPki } from './dev-pki.ts';
import { SOFTHSM_CARD_ENTRIES, type SoftHsmCardEntry, type SoftHsmProfile } from './softhsm-profiles.ts';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const SO_PIN = '87654321';
const DAY = 86_400_000;
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

export interface SoftHsmCards {
  /** Set SOFTHSM2_CONF to this before the module is loaded. */
  readonly conf: string;
  readonly modulePath: string;
  /** The dev CRL (PEM) of the TEST CA: lists the revoked card's certificates. */
  readonly crlPath: string;
  /** The TEST CA these cards were issued by: a regenerated dev PKI means new cards. */
  readonly caPem: string;
  readonly cards: readonly (SoftHsmCardEntry & { readonly label: string; readonly serial: string })[];
}

/** Token label of a profile (≤ 32 characters, CK_TOKEN_INFO.label). */
export const tokenLabel = (profile: SoftHsmProfile): string => `Baladeur ${profile}`;

const professionCode = (p: Profession): string => (p === 'technician' ? 'TECH' : PROFESSION_CODES[p]);
const b64u = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');

async function issue(
  entry: SoftHsmCardEntry,
  ca: { cert: x509.X509Certificate; key: CryptoKey },
  usage: 'auth' | 'sign',
  serial: string,
): Promise<{ der: Buffer; jwk: JsonWebKey; subject: Buffer }> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const expired = entry.profile === 'cps-expired';
  const notBefore = expired ? new Date('2023-03-01T00:00:00Z') : new Date(now - DAY);
  const notAfter = expired ? new Date('2025-03-01T00:00:00Z') : new Date(now + 3 * 365 * DAY);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: [
      { C: ['FR'] },
      { O: ['Baladeur development'] },
      { T: [professionCode(entry.profession)] },
      { '2.5.4.5': [entry.nationalId] },
      { CN: [entry.name] },
    ],
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: EC,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      usage === 'auth'
        ? new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)
        : new x509.KeyUsagesExtension(x509.KeyUsageFlags.nonRepudiation, true),
      ...(usage === 'auth' ? [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])] : []),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return {
    der: Buffer.from(cert.rawData),
    jwk: await webcrypto.subtle.exportKey('jwk', keys.privateKey),
    subject: Buffer.from(cert.subjectName.toArrayBuffer()),
  };
}

/** Certificate serial numbers (hex) of the dev cards: the dev CRL lists the revoked one's. */
export const certificateSerial = (profile: SoftHsmProfile, usage: 'auth' | 'sign'): string =>
  `5c${(SOFTHSM_CARD_ENTRIES.findIndex((e) => e.profile === profile) + 1).toString(16).padStart(2, '0')}${usage === 'auth' ? '01' : '02'}`;

function loadModule(): { m: PKCS11; p: typeof import('pkcs11js') } {
  const p = createRequire(import.meta.url)('pkcs11js') as typeof import('pkcs11js');
  const m = new p.PKCS11();
  m.load(SOFTHSM_MODULE);
  return { m, p };
}

/**
 * Provisions (once per dev TEST CA) the dev cards under `dir`; returns where they are. One process
 * at a time (the e2e kiosks start one after the other; tests use their own temporary dirs).
 */
export async function ensureSoftHsmCards(dir: string, pki: DevPki): Promise<SoftHsmCards> {
  const conf = path.join(dir, 'softhsm2.conf');
  const marker = path.join(dir, 'cards.json');
  const existing = await readFile(marker, 'utf8').catch(() => undefined);
  if (existing !== undefined) {
    const cards = JSON.parse(existing) as SoftHsmCards;
    if (cards.caPem === pki.testCa.certPem) return cards;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'tokens'), { recursive: true, mode: 0o700 });
  await writeFile(
    conf,
    `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  process.env.SOFTHSM2_CONF = conf;
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(pki.testCa.keyPem),
    EC,
    false,
    ['sign'],
  );
  const ca = { cert: new x509.X509Certificate(pki.testCa.certPem), key: caKey };
  const { m, p } = loadModule();
  const cards: SoftHsmCards['cards'][number][] = [];
  for (const entry of SOFTHSM_CARD_ENTRIES) {
    const label = tokenLabel(entry.profile);
    // SoftHSM offers a new free slot only after C_Initialize: one token per initialisation.
    m.C_Initialize();
    try {
      const free = m
        .C_GetSlotList(true)
        .find((s) => (m.C_GetTokenInfo(s).flags & p.CKF_TOKEN_INITIALIZED) === 0);
      if (free === undefined) throw new Error('softhsm: no free slot');
      m.C_InitToken(free, SO_PIN, label.padEnd(32));
      const slot = m.C_GetSlotList(true).find((s) => m.C_GetTokenInfo(s).label.trim() === label);
      if (slot === undefined) throw new Error('softhsm: token not found after init');
      const session = m.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
      m.C_Login(session, p.CKU_SO, SO_PIN);
      const blocked = entry.profile === 'cps-blocked';
      if (!blocked) {
        m.C_InitPIN(session, entry.pin);
        m.C_Logout(session);
        m.C_Login(session, p.CKU_USER, entry.pin);
      }
      for (const [usage, id] of [
        ['auth', 1],
        ['sign', 2],
      ] as const) {
        const made = await issue(entry, ca, usage, certificateSerial(entry.profile, usage));
        const ckaId = Buffer.from([id]);
        const name = usage === 'auth' ? 'Authentification CPS' : 'Signature CPS';
        m.C_CreateObject(session, [
          { type: p.CKA_CLASS, value: p.CKO_CERTIFICATE },
          { type: p.CKA_CERTIFICATE_TYPE, value: p.CKC_X_509 },
          { type: p.CKA_TOKEN, value: true },
          { type: p.CKA_PRIVATE, value: false },
          { type: p.CKA_ID, value: ckaId },
          { type: p.CKA_LABEL, value: `Certificat ${name}` },
          { type: p.CKA_SUBJECT, value: made.subject },
          { type: p.CKA_VALUE, value: made.der },
        ]);
        if (blocked) continue; // an SO session cannot create private objects
        const k = made.jwk;
        m.C_CreateObject(session, [
          { type: p.CKA_CLASS, value: p.CKO_PRIVATE_KEY },
          { type: p.CKA_KEY_TYPE, value: p.CKK_RSA },
          { type: p.CKA_TOKEN, value: true },
          { type: p.CKA_PRIVATE, value: true },
          { type: p.CKA_SENSITIVE, value: true },
          { type: p.CKA_SIGN, value: true },
          { type: p.CKA_ID, value: ckaId },
          { type: p.CKA_LABEL, value: `Clé ${name}` },
          { type: p.CKA_MODULUS, value: b64u(k.n) },
          { type: p.CKA_PUBLIC_EXPONENT, value: b64u(k.e) },
          { type: p.CKA_PRIVATE_EXPONENT, value: b64u(k.d) },
          { type: p.CKA_PRIME_1, value: b64u(k.p) },
          { type: p.CKA_PRIME_2, value: b64u(k.q) },
          { type: p.CKA_EXPONENT_1, value: b64u(k.dp) },
          { type: p.CKA_EXPONENT_2, value: b64u(k.dq) },
          { type: p.CKA_COEFFICIENT, value: b64u(k.qi) },
        ]);
      }
      m.C_Logout(session);
      m.C_CloseSession(session);
      cards.push({ ...entry, label, serial: m.C_GetTokenInfo(slot).serialNumber.trim() });
    } finally {
      m.C_Finalize();
    }
  }
  m.close();
  const crlPath = path.join(dir, 'test-ca.crl.pem');
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subjectName,
    thisUpdate: new Date(Date.now() - DAY),
    nextUpdate: new Date(Date.now() + 30 * DAY),
    entries: (['auth', 'sign'] as const).map((u) => ({ serialNumber: certificateSerial('cps-revoked', u) })),
    signingKey: caKey,
    signingAlgorithm: EC,
  });
  await writeFile(crlPath, crl.toString('pem') + '\n');
  const result: SoftHsmCards = {
    conf,
    modulePath: SOFTHSM_MODULE,
    crlPath,
    caPem: pki.testCa.certPem,
    cards,
  };
  await writeFile(marker, JSON.stringify(result, null, 2) + '\n');
  return result;
}
