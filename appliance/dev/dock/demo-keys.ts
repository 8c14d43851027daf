/**
 * Demo keys for simulated mode: one key image per IPS fixture (synthetic data, not patients),
 * generated at first start into `<dataDir>/demo-keys/` and reused while the fixture is unchanged.
 * Each demo's patient code is derived from its name, so it is the same on every machine
 * (listed by the dock and in the README).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { memorySource } from '../../record/block-source.ts';
import {
  CODE_ALPHABET,
  CODE_DATA_LENGTH,
  checkCharacter,
  formatPatientCode,
  type PatientCode,
} from '../../record/code/patient-code.ts';
import { createContainer } from '../../record/container/index.ts';
import { createKeyImage } from '../../record/fat/index.ts';
import { writeRecordToKey } from '../../record/write-record.ts';

export interface DemoKey {
  readonly name: string;
  /** The patient code, printed in groups of 4 as on the patient's card. */
  readonly code: string;
  readonly image: string;
}

export interface DemoSigner {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

export interface DemoKeyOptions {
  readonly dataDir: string;
  readonly fixturesDir: string;
  readonly signer: DemoSigner;
  /** JWKS of the emergency-access public keys. */
  readonly emergencyPublicKeys: unknown;
  /** PBES2 iterations; the calibrated default unless a test lowers it. */
  readonly p2c?: number;
  /** Only these fixtures (names without `.json`); all by default. */
  readonly only?: readonly string[];
}

const MiB = 1024 * 1024;

/** The demo's patient code: 15 data characters from SHA-256 of its name, then the check character. */
export function demoCode(name: string): PatientCode {
  const digest = createHash('sha256').update(`baladeur-demo-code:${name}`).digest();
  let data = '';
  for (let i = 0; i < CODE_DATA_LENGTH; i++)
    data += CODE_ALPHABET[(digest[i] as number) % CODE_ALPHABET.length];
  return (data + checkCharacter(data)) as PatientCode;
}

export function fixtureNames(fixturesDir: string): string[] {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

interface IndexEntry {
  readonly name: string;
  readonly fixtureSha256: string;
  readonly signerSha256: string;
}

async function buildImage(
  bundleJson: string,
  options: DemoKeyOptions,
  code: PatientCode,
): Promise<Uint8Array> {
  const container = await createContainer({
    bundle: JSON.parse(bundleJson) as unknown,
    code,
    signer: {
      privateKeyPem: options.signer.privateKeyPem,
      certificateChainPem: [options.signer.certificatePem],
    },
    emergencyPublicKeys: options.emergencyPublicKeys,
    ...(options.p2c === undefined ? {} : { p2c: options.p2c }),
  });
  const image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 * MiB });
  const written = writeRecordToKey(memorySource(image), container);
  if (!written.ok) throw new Error(`demo key: ${written.error.message}`);
  return image;
}

/** Generates missing or stale demo keys; returns all of them (generation runs in parallel). */
export async function ensureDemoKeys(options: DemoKeyOptions): Promise<DemoKey[]> {
  const dir = path.join(options.dataDir, 'demo-keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const indexFile = path.join(dir, 'index.json');
  const previous: IndexEntry[] = existsSync(indexFile)
    ? (JSON.parse(readFileSync(indexFile, 'utf8')) as IndexEntry[])
    : [];
  const signerSha256 = createHash('sha256').update(options.signer.certificatePem).digest('hex');
  const names = fixtureNames(options.fixturesDir).filter((n) => !options.only || options.only.includes(n));
  const entries = await Promise.all(
    names.map(async (name): Promise<{ key: DemoKey; entry: IndexEntry }> => {
      const json = readFileSync(path.join(options.fixturesDir, `${name}.json`), 'utf8');
      const fixtureSha256 = createHash('sha256').update(json).digest('hex');
      const image = path.join(dir, `${name}.img`);
      const code = demoCode(name);
      const known = previous.find((p) => p.name === name);
      const fresh =
        known?.fixtureSha256 === fixtureSha256 && known.signerSha256 === signerSha256 && existsSync(image);
      if (!fresh) writeFileSync(image, await buildImage(json, options, code), { mode: 0o600 });
      return {
        key: { name, code: formatPatientCode(code), image },
        entry: { name, fixtureSha256, signerSha256 },
      };
    }),
  );
  const merged = [...previous.filter((p) => !names.includes(p.name)), ...entries.map((e) => e.entry)];
  writeFileSync(indexFile, JSON.stringify(merged, null, 2));
  return entries.map((e) => e.key);
}
