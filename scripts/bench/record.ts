/**
 * Key-format figures: PBES2 unlock time at the calibrated count, and per fixture the time to create
 * a container (sign + 3 × KDF + encrypt), to open it with the code (1 × KDF) and break-glass (ECDH,
 * no KDF), and the bytes it takes on the key (padded file).
 */
import { ipsFixturesDir } from '../../appliance/dev/fixtures.ts';
import fs from 'node:fs';
import path from 'node:path';
import { generatePatientCode } from '../../appliance/record/code/patient-code.ts';
import { createContainer } from '../../appliance/record/container/create.ts';
import { openWithCode, openWithEmergencyKey } from '../../appliance/record/container/open.ts';
import { CODE_KEY_MANAGEMENT, DEFAULT_P2C } from '../../appliance/record/crypto/encrypt.ts';
import { ensureDevPki } from '../../appliance/dev/pki/dev-pki.ts';
import { percentile, type BenchFigure } from './figure.ts';

const FIXTURE_DIR = ipsFixturesDir();

async function kdfMs(p2c: number): Promise<number> {
  const subtle = globalThis.crypto.subtle;
  const password = await subtle.importKey(
    'raw',
    new TextEncoder().encode(generatePatientCode()),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const salt = new Uint8Array([
    ...new TextEncoder().encode(CODE_KEY_MANAGEMENT),
    0,
    ...globalThis.crypto.getRandomValues(new Uint8Array(16)),
  ]);
  const started = performance.now();
  await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-512', salt, iterations: p2c }, password, 256);
  return performance.now() - started;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

export default async function bench(): Promise<BenchFigure[]> {
  const pki = await ensureDevPki();
  const figures: BenchFigure[] = [];
  const kdf = [];
  for (let i = 0; i < 5; i += 1) kdf.push(await kdfMs(DEFAULT_P2C));
  figures.push({
    name: 'record.kdf',
    value: percentile(kdf, 50),
    unit: 'ms',
    budget: '0.3–0.8 s unlock',
    note: `PBES2-HS512 p2c=${DEFAULT_P2C}, median of 5 (max ${Math.max(...kdf).toFixed(0)} ms)`,
  });
  const signer = {
    privateKeyPem: pki.people.doctor.keyPem,
    certificateChainPem: [pki.people.doctor.certPem],
  };
  const options = { trustAnchorsPem: [pki.testCa.certPem], now: new Date() };
  const fixtures = fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const fixture of fixtures) {
    const name = fixture.replace(/\.json$/u, '');
    const source = fs.readFileSync(path.join(FIXTURE_DIR, fixture));
    const bundle = JSON.parse(source.toString('utf8')) as unknown;
    const code = generatePatientCode();
    const created = await timed(() =>
      createContainer({ bundle, code, signer, emergencyPublicKeys: pki.emergency.keyring }),
    );
    const read = await timed(() => openWithCode(created.value, code, { tier: 'full', ...options }));
    const emergency = await timed(() =>
      openWithEmergencyKey(created.value, [pki.emergency.privateJwk], options),
    );
    if (!read.value.ok || !emergency.value.ok) throw new Error(`bench: ${fixture} did not open`);
    const kb = (source.byteLength / 1024).toFixed(0);
    figures.push(
      { name: `record.create.${name}`, value: created.ms, unit: 'ms', note: `${kb} KB bundle; 3 × KDF` },
      {
        name: `record.read.${name}`,
        value: read.ms,
        unit: 'ms',
        budget: '0.3–0.8 s unlock',
        note: 'code, full tier, 1 × KDF',
      },
      { name: `record.breakglass.${name}`, value: emergency.ms, unit: 'ms', note: 'emergency key, no KDF' },
      {
        name: `record.bytes.${name}`,
        value: created.value.byteLength,
        unit: 'bytes',
        note: `padded RECORD.JSON for a ${kb} KB bundle`,
      },
    );
  }
  return figures;
}
