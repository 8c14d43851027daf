/**
 * Container parser: a sealed key file (signed; unsigned; unsigned with hostile narrative) mutated
 * byte by byte or field by field, read without a secret (inspectContainer) and opened with the
 * deployment's emergency key — the path a stick with no signing key can reach. The patient-code
 * path is left out: its key derivation costs up to 2 000 000 PBKDF2 iterations by design.
 */
import fc from 'fast-check';
import type { JWK } from 'jose';
import { generatePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { inspectContainer } from '../../../appliance/record/container/read.ts';
import { openWithEmergencyKey } from '../../../appliance/record/container/open.ts';
import { sealContainer } from '../../../appliance/record/container/seal.ts';
import { emergencyPublicKeys } from '../../../appliance/record/crypto/encrypt.ts';
import { signTier } from '../../../appliance/record/crypto/sign.ts';
import { craftBundle } from '../../../appliance/record/ips/fixtures.testing.ts';
import { testCa, testEmergencyKey, testPerson } from '../../../appliance/record/pki.testing.ts';
import type { FuzzTarget, PreparedTarget } from '../harness.ts';
import { applyEdits, byteEdit, fromBase64, hostileText, toBase64 } from '../generators.ts';

const encoder = new TextEncoder();

async function sealedPool(): Promise<{ files: Uint8Array[]; keyring: JWK[]; anchors: string[] }> {
  const ca = await testCa('Fuzz Root');
  const doctor = await testPerson(ca, { name: 'Dr Fuzz' });
  const key = await testEmergencyKey('em-fuzz');
  const bundle = craftBundle(
    [{ loinc: '48765-2', refs: ['urn:uuid:a'], div: '<div>Penicillin</div>' }],
    [
      {
        fullUrl: 'urn:uuid:a',
        resource: { resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } },
      },
    ],
  ) as unknown as { entry: { resource: Record<string, unknown> }[] };
  const plain = encoder.encode(JSON.stringify(bundle));
  const hostile = structuredClone(bundle);
  const composition = hostile.entry[0]?.resource as { section?: { text?: { div: string } }[] };
  const first = composition.section?.[0];
  if (first !== undefined) first.text = { div: `<div>${' '.repeat(8_000)}x${'<'.repeat(2_000)}</div>` };
  const signed = async (tier: 'full' | 'emergency'): Promise<Uint8Array> =>
    encoder.encode(
      await signTier(
        plain,
        { privateKeyPem: doctor.privateKeyPem, certificateChainPem: [doctor.certificatePem] },
        { tier },
      ),
    );
  const seal = (full: Uint8Array, emergency: Uint8Array): Promise<Uint8Array> =>
    sealContainer({
      tiers: { full, emergency },
      code: generatePatientCode(),
      emergencyKeys: emergencyPublicKeys({ keys: [key.publicJwk] }),
      p2c: 1000,
    });
  const hostileBytes = encoder.encode(JSON.stringify(hostile));
  return {
    files: [
      await seal(await signed('full'), await signed('emergency')),
      await seal(plain, plain),
      await seal(hostileBytes, hostileBytes),
    ],
    keyring: [key.privateJwk],
    anchors: [ca.certificatePem],
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces the nth node of the container's JSON (depth first) with `value`. */
function mutateField(file: Uint8Array, n: number, value: Json): Uint8Array {
  const root = JSON.parse(new TextDecoder().decode(file)) as Json;
  let count = 0;
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const current = stack.pop() as Json;
    if (typeof current !== 'object' || current === null) continue;
    for (const key of Array.isArray(current) ? current.map((_, i) => i) : Object.keys(current)) {
      count += 1;
      const holder = current as Record<string | number, Json>;
      if (count === n) {
        holder[key] = value;
        return encoder.encode(JSON.stringify(root));
      }
      stack.push(holder[key] as Json);
    }
  }
  return encoder.encode(JSON.stringify(root));
}

const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  hostileText(['A', '-', '_', '.', '=', '{', '"', ' '], 100_000),
  fc.constantFrom<Json>(
    0,
    -1,
    2_000_001,
    1e308,
    'PBES2-HS512+A256KW',
    'ECDH-ES+A256KW',
    'em-fuzz',
    'A256GCM',
    '',
  ),
);

export const containerTarget: FuzzTarget<Uint8Array> = {
  name: 'container',
  covers: 'appliance/record/container inspectContainer, openWithEmergencyKey (parse, decrypt, verify, IPS)',
  async prepare(): Promise<PreparedTarget<Uint8Array>> {
    const { files, keyring, anchors } = await sealedPool();
    const base = fc.nat(files.length - 1).map((i) => files[i] as Uint8Array);
    const arbitrary = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(base, fc.nat(), junk).map(([f, n, v]) => mutateField(f, n % 80, v)) },
      {
        weight: 8,
        arbitrary: fc
          .tuple(base, fc.array(byteEdit, { minLength: 1, maxLength: 4 }))
          .map(([f, e]) => applyEdits(f, e)),
      },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
      { weight: 1, arbitrary: fc.jsonValue().map((v) => encoder.encode(JSON.stringify(v) ?? '')) },
      { weight: 1, arbitrary: base },
    );
    const options = { trustAnchorsPem: anchors, now: new Date() };
    return {
      arbitrary,
      async run(bytes) {
        // Reading without a secret is the same parse as opening's first step: done on a share only.
        if (bytes.length % 4 === 0) inspectContainer(bytes);
        const opened = await openWithEmergencyKey(bytes, keyring, options);
        if (opened.ok && opened.value.bundle === undefined)
          throw new Error('invariant: an opened record has a bundle');
      },
      encode: toBase64,
      decode: fromBase64,
    };
  },
};
