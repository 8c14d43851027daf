import { loadFixture } from '../ips/fixtures.testing.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JWK } from 'jose';
import { generatePatientCode, formatPatientCode, type PatientCode } from '../code/patient-code.ts';
import { emergencyPublicKeys } from '../crypto/encrypt.ts';
import { signTier } from '../crypto/sign.ts';
import { testCa, testEmergencyKey, testPerson, type TestIdentity } from '../pki.testing.ts';
import { sealContainer } from './seal.ts';
import { inspectContainer, containerLogPublicKey } from './read.ts';
import { openWithCode, openWithEmergencyKey, unlockLogKey } from './open.ts';
import { FILE_BUCKETS, TIER_BUCKETS } from '../crypto/padding.ts';

const P2C = 1000;
const bundle = loadFixture('IPS_IG_bundle-minimal.json');
const bundleBytes = new TextEncoder().encode(JSON.stringify(bundle));
const now = new Date();
let ca: TestIdentity;
let doctor: TestIdentity;
let keyA: { publicJwk: JWK; privateJwk: JWK };
let keyB: { publicJwk: JWK; privateJwk: JWK };
let code: PatientCode;
let file: Uint8Array;

async function signed(tier: 'full' | 'emergency', signer = doctor): Promise<Uint8Array> {
  const jws = await signTier(
    bundleBytes,
    { privateKeyPem: signer.privateKeyPem, certificateChainPem: [signer.certificatePem] },
    { tier },
  );
  return new TextEncoder().encode(jws);
}

beforeAll(async () => {
  ca = await testCa('Test Root');
  doctor = await testPerson(ca, { name: 'Dr Test SIGNER' });
  keyA = await testEmergencyKey('em-2026');
  keyB = await testEmergencyKey('em-2027');
  code = generatePatientCode();
  file = await sealContainer({
    tiers: { full: await signed('full'), emergency: await signed('emergency') },
    code,
    emergencyKeys: emergencyPublicKeys({ keys: [keyA.publicJwk, keyB.publicJwk] }),
    p2c: P2C,
  });
});

const options = () => ({ trustAnchorsPem: [ca.certificatePem], now });

describe('container', () => {
  it('opens the full tier with the code (printed form accepted) and returns the bundle deep-equal', async () => {
    const opened = await openWithCode(file, formatPatientCode(code).toLowerCase(), {
      tier: 'full',
      ...options(),
    });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.bundle).toEqual(bundle);
    expect(opened.value.verification).toMatchObject({ status: 'valid', signer: { name: 'Dr Test SIGNER' } });
    expect(opened.value.containerId).toMatch(/^[0-9a-f]{32}$/u);
  });

  it('opens the emergency tier with any key of a rotated keyring, and with the code', async () => {
    for (const keyring of [
      [keyA.privateJwk],
      [keyB.privateJwk],
      [{ ...keyA.privateJwk, kid: 'old' }, keyB.privateJwk],
    ]) {
      const opened = await openWithEmergencyKey(file, keyring, options());
      expect(opened.ok && opened.value.tier).toBe('emergency');
    }
    const withCode = await openWithCode(file, code, { tier: 'emergency', ...options() });
    expect(withCode.ok && withCode.value.verification.status).toBe('valid');
  });

  it('refuses a keyring with no recipient key (no_usable_key); the full tier has no emergency recipient', async () => {
    const stranger = await testEmergencyKey('em-2026');
    const wrongKid = await openWithEmergencyKey(file, [{ ...keyA.privateJwk, kid: 'nope' }], options());
    expect(!wrongKid.ok && wrongKid.error.code).toBe('no_usable_key');
    const sameKidOtherKey = await openWithEmergencyKey(file, [stranger.privateJwk], options());
    expect(!sameKidOtherKey.ok && sameKidOtherKey.error.code).toBe('corrupt');
    const info = inspectContainer(file);
    expect(info.ok && info.value.tiers.full.recipients).toEqual([{ kind: 'patient_code', p2c: P2C }]);
  });

  it('a wrong code is wrong_code; a typo is code_typo before any KDF', async () => {
    const other = generatePatientCode();
    const wrong = await openWithCode(file, other, { tier: 'full', ...options() });
    expect(!wrong.ok && wrong.error.code).toBe('wrong_code');
    const typo = code.slice(0, 3) + (code[3] === 'A' ? 'B' : 'A') + code.slice(4);
    const refused = await openWithCode(file, typo, { tier: 'full', ...options() });
    expect(!refused.ok && refused.error).toEqual({
      code: 'code_typo',
      message: 'the patient code has a typo (its check character does not match)',
    });
  });

  it('inspect shows version, recipient kinds and bucketed sizes only', () => {
    const info = inspectContainer(file);
    expect(info.ok).toBe(true);
    if (!info.ok) return;
    expect(info.value.version).toBe(1);
    expect(info.value.tiers.emergency.recipients).toEqual([
      { kind: 'patient_code', p2c: P2C },
      { kind: 'emergency_key', kid: 'em-2026' },
      { kind: 'emergency_key', kid: 'em-2027' },
    ]);
    expect(TIER_BUCKETS).toContain(info.value.tiers.full.ciphertextBytes);
    expect(FILE_BUCKETS).toContain(file.byteLength);
  });

  it('the access-log key unlocks with the code and matches the public key', async () => {
    const pub = containerLogPublicKey(file);
    const priv = await unlockLogKey(file, code);
    expect(pub.ok && priv.ok).toBe(true);
    if (!pub.ok || !priv.ok) return;
    expect(priv.value).toMatchObject({ ...pub.value, d: expect.any(String) });
    const wrong = await unlockLogKey(file, generatePatientCode());
    expect(!wrong.ok && wrong.error.code).toBe('wrong_code');
  });

  it('HZ-04 a byte altered anywhere in a tier ciphertext, iv, tag or protected header is reported corrupt', async () => {
    const text = new TextDecoder().decode(file);
    const json = JSON.parse(text) as { tiers: { full: Record<string, string> } };
    for (const field of ['ciphertext', 'iv', 'tag', 'protected'] as const) {
      for (const at of [0, 7]) {
        const value = json.tiers.full[field] as string;
        const altered = structuredClone(json);
        altered.tiers.full[field] =
          value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
        const opened = await openWithCode(new TextEncoder().encode(JSON.stringify(altered)), code, {
          tier: 'full',
          ...options(),
        });
        expect(opened.ok ? 'opened' : opened.error.code, `${field}@${at}`).toMatch(/^(corrupt|malformed)$/u);
      }
    }
  });

  it('HZ-01 a tier moved into the other slot or another container is refused', async () => {
    const json = JSON.parse(new TextDecoder().decode(file)) as { id: string; tiers: Record<string, unknown> };
    const swapped = { ...json, tiers: { full: json.tiers.emergency, emergency: json.tiers.full } };
    const opened = await openWithCode(new TextEncoder().encode(JSON.stringify(swapped)), code, {
      tier: 'full',
      ...options(),
    });
    expect(!opened.ok && opened.error.code).toBe('corrupt');
    const renamed = { ...json, id: '0'.repeat(32) };
    const moved = await openWithCode(new TextEncoder().encode(JSON.stringify(renamed)), code, {
      tier: 'full',
      ...options(),
    });
    expect(!moved.ok && moved.error.code).toBe('corrupt');
  });

  it('HZ-04 an unsigned tier opens but reads as unsigned', async () => {
    const unsigned = await sealContainer({
      tiers: { full: bundleBytes, emergency: bundleBytes },
      code,
      emergencyKeys: [],
      p2c: P2C,
    });
    const opened = await openWithCode(unsigned, code, { tier: 'full', ...options() });
    expect(opened.ok && opened.value.verification).toEqual({ status: 'unsigned' });
  });

  it('HZ-13 a p2c outside the accepted range is refused before any KDF', async () => {
    const json = JSON.parse(new TextDecoder().decode(file)) as { tiers: { full: { protected: string } } };
    const shared = JSON.parse(Buffer.from(json.tiers.full.protected, 'base64url').toString()) as object;
    // A single recipient: jose writes p2c/p2s into the protected header (docs/key-format.md §8).
    expect(shared).toHaveProperty('p2c', P2C);
    for (const p2c of [1e9, 0, -1, 1.5]) {
      const altered = structuredClone(json);
      altered.tiers.full.protected = Buffer.from(JSON.stringify({ ...shared, p2c })).toString('base64url');
      const opened = await openWithCode(new TextEncoder().encode(JSON.stringify(altered)), code, {
        tier: 'full',
        ...options(),
      });
      expect(!opened.ok && opened.error.code).toBe('malformed');
    }
  });

  it('HZ-13 with several recipients p2c sits in the recipient header, and is bounded there too', async () => {
    type Jwe = { protected: string; recipients: { header: Record<string, unknown> }[] };
    const json = JSON.parse(new TextDecoder().decode(file)) as { tiers: { emergency: Jwe } };
    const shared = JSON.parse(Buffer.from(json.tiers.emergency.protected, 'base64url').toString()) as object;
    expect(shared).not.toHaveProperty('p2c');
    expect(json.tiers.emergency.recipients[0]?.header).toMatchObject({ alg: 'PBES2-HS512+A256KW', p2c: P2C });
    (json.tiers.emergency.recipients[0] as { header: Record<string, unknown> }).header.p2c = 5e6;
    const opened = await openWithCode(new TextEncoder().encode(JSON.stringify(json)), code, {
      tier: 'emergency',
      ...options(),
    });
    expect(!opened.ok && opened.error.code).toBe('malformed');
  });
});
