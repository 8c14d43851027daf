/**
 * A generated corpus of hostile keys (HZ-13): each case is a file given to `baladeur key read`
 * (or inspect) and the exit code it must end with. Built from one valid container so every layer
 * is reached: image → FAT → container JSON → JOSE → decrypted content → FHIR.
 */
import {
  formatPatientCode,
  generatePatientCode,
  type PatientCode,
} from '../../../appliance/record/code/patient-code.ts';
import { sealContainer } from '../../../appliance/record/container/seal.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { emergencyPublicKeys } from '../../../appliance/record/crypto/encrypt.ts';
import { signTier } from '../../../appliance/record/crypto/sign.ts';
import { createKeyImage, writeKeyFile } from '../../../appliance/record/fat/index.ts';
import { memorySource } from '../../../appliance/drivers/usb-key/block-source.ts';
import type { DevPki } from '../../../scripts/dev-pki.ts';

export interface HostileCase {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Expected exit code of `key read --code`. */
  readonly exit: 2 | 3 | 4;
  /** stderr must match. */
  readonly message: RegExp;
  readonly code?: string;
}

const enc = new TextEncoder();
const json = (value: unknown) => enc.encode(JSON.stringify(value));
type Jwe = {
  protected: string;
  iv: string;
  ciphertext: string;
  tag: string;
  recipients: { header: Record<string, unknown>; encrypted_key: string }[];
};
type Container = {
  format: string;
  version: unknown;
  id: string;
  tiers: { full: Jwe; emergency: Jwe };
  logKey: unknown;
};

export function inImage(record: Uint8Array, sizeBytes = 16 * 1024 * 1024): Uint8Array {
  const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes });
  const written = writeKeyFile(memorySource(image), RECORD_PATH, record);
  if (!written.ok) throw new Error(`test setup: ${written.error.message}`);
  return image;
}

function flip(text: string, at: number): string {
  const i = Math.max(0, Math.min(text.length - 1, at));
  return text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
}

function nest(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

export async function hostileCases(pki: DevPki): Promise<{ cases: HostileCase[]; code: PatientCode }> {
  const code = generatePatientCode();
  const doctor = {
    privateKeyPem: pki.people.doctor.keyPem,
    certificateChainPem: [pki.people.doctor.certPem],
  };
  const emergencyKeys = emergencyPublicKeys(pki.emergency.keyring);
  const bundle = {
    resourceType: 'Bundle',
    type: 'document',
    entry: [
      {
        fullUrl: 'urn:uuid:1',
        resource: { resourceType: 'Composition', id: 'c', status: 'final', title: 'Patient Summary' },
      },
    ],
  };
  const signed = async (payload: Uint8Array | string, tier: 'full' | 'emergency' = 'full') =>
    enc.encode(await signTier(typeof payload === 'string' ? enc.encode(payload) : payload, doctor, { tier }));
  const seal = async (full: Uint8Array, emergency?: Uint8Array) =>
    sealContainer({ tiers: { full, emergency: emergency ?? full }, code, emergencyKeys, p2c: 1000 });

  const valid = await seal(
    await signed(JSON.stringify(bundle)),
    await signed(JSON.stringify(bundle), 'emergency'),
  );
  const validText = new TextDecoder().decode(valid).trimEnd();
  const base = () => JSON.parse(validText) as Container;
  const edit = (
    name: string,
    exit: 2 | 3 | 4,
    message: RegExp,
    change: (c: Container) => unknown,
  ): HostileCase => {
    const c = base();
    const out = change(c);
    return { name, exit, message, bytes: json(out === undefined ? c : out) };
  };
  const content = async (
    name: string,
    plaintext: Uint8Array | string,
    exit: 2 | 4 = 2,
    message = /tier/u,
  ) => ({
    name,
    exit,
    message,
    bytes: await seal(typeof plaintext === 'string' ? enc.encode(plaintext) : plaintext),
  });

  const notFat = /no readable FAT|damaged|not a Baladeur|no Baladeur record|cannot open|could not be read/u;
  const cases: HostileCase[] = [
    // The medium and the file system.
    { name: 'image of 0 bytes', bytes: new Uint8Array(0), exit: 2, message: notFat },
    { name: 'image of 1 byte', bytes: new Uint8Array([0xeb]), exit: 2, message: notFat },
    { name: 'image of 511 zero bytes', bytes: new Uint8Array(511), exit: 2, message: notFat },
    { name: '1 MiB of zeros', bytes: new Uint8Array(1024 * 1024), exit: 2, message: notFat },
    {
      name: '1 MiB of random bytes',
      bytes: globalThis.crypto.getRandomValues(new Uint8Array(65536)),
      exit: 2,
      message: notFat,
    },
    {
      name: 'FAT image without a record',
      bytes: createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 8 * 1024 * 1024 }),
      exit: 2,
      message: /no Baladeur record/u,
    },
    {
      name: 'FAT image truncated to its first 64 KiB',
      bytes: inImage(valid).slice(0, 65536),
      exit: 2,
      message: notFat,
    },
    {
      name: 'PNG file given as a key',
      bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(2048)]),
      exit: 2,
      message: notFat,
    },
  ];
  const corruptBoot = inImage(valid);
  corruptBoot.fill(0xff, 11, 64);
  cases.push({ name: 'FAT boot sector with garbage BPB', bytes: corruptBoot, exit: 2, message: notFat });
  const corruptFat = inImage(valid);
  corruptFat.fill(0xff, 512, 512 * 40);
  cases.push({
    name: 'FAT tables overwritten with 0xFF',
    bytes: corruptFat,
    exit: 2,
    message: /damaged|no Baladeur record|not a Baladeur|malformed|too large|invalid/u,
  });
  const oversize = new Uint8Array(9 * 1024 * 1024).fill(0x20);
  oversize[0] = 0x7b;
  cases.push({
    name: 'record file of 9 MiB in an image',
    bytes: inImage(oversize, 24 * 1024 * 1024),
    exit: 2,
    message: /larger than a Baladeur record/u,
  });
  cases.push({ name: 'bare record file of 9 MiB', bytes: oversize, exit: 2, message: /too large/u });

  // The container file.
  const text = (name: string, value: string, message: RegExp) =>
    cases.push({ name, exit: 2, message, bytes: enc.encode(value) });
  text('truncated at 10%', validText.slice(0, Math.floor(validText.length * 0.1)), /not valid JSON/u);
  text('truncated at 50%', validText.slice(0, Math.floor(validText.length * 0.5)), /not valid JSON/u);
  text('truncated by one byte', validText.slice(0, -1), /not valid JSON/u);
  text('empty object', '{}', /not a Baladeur container/u);
  text('JSON array', '[1,2,3]', notFat);
  text('JSON null', 'null', notFat);
  text(
    'nesting bomb of 100 000 arrays',
    `{"format":"baladeur-key","version":1,"x":${nest(100_000)}}`,
    /nested too deeply/u,
  );
  text(
    'nesting bomb of objects',
    `{"a":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
    /nested too deeply/u,
  );
  text('UTF-16 JSON with a BOM', '', notFat);
  cases[cases.length - 1] = {
    ...cases[cases.length - 1]!,
    bytes: Buffer.from(`\ufeff${validText}`, 'utf16le'),
  };
  cases.push({
    name: 'invalid UTF-8 inside the JSON',
    exit: 2,
    message: /not UTF-8/u,
    bytes: Uint8Array.from([...enc.encode('{"format":"'), 0xff, 0xfe, ...enc.encode('"}')]),
  });
  cases.push(
    edit('wrong format name', 2, /not a Baladeur container/u, (c) => ({ ...c, format: 'other' })),
    edit('version 2', 2, /version is 2; this reader supports version 1/u, (c) => ({ ...c, version: 2 })),
    edit('version "1" as a string', 2, /version is missing/u, (c) => ({ ...c, version: '1' })),
    edit('version missing', 2, /version is missing/u, (c) => ({ ...c, version: undefined })),
    edit('tiers missing', 2, /invalid field at tiers/u, (c) => ({ ...c, tiers: undefined })),
    edit('emergency tier missing', 2, /invalid field at tiers.emergency/u, (c) => ({
      ...c,
      tiers: { full: c.tiers.full },
    })),
    edit('unknown top-level field', 2, /invalid field/u, (c) => ({ ...c, patientName: 'x' })),
    edit('id is 1 MB', 2, /invalid field at id/u, (c) => ({ ...c, id: 'a'.repeat(1_000_000) })),
    edit('1000 recipients', 2, /invalid field at tiers.full.recipients/u, (c) => {
      c.tiers.full.recipients = Array.from({ length: 1000 }, () => c.tiers.full.recipients[0]!);
    }),
    edit('ciphertext is not base64url', 2, /invalid field at tiers.full.ciphertext/u, (c) => {
      c.tiers.full.ciphertext = `${c.tiers.full.ciphertext.slice(0, 10)}!!${c.tiers.full.ciphertext.slice(12)}`;
    }),
    edit('ciphertext of 4 MB', 2, /invalid field at tiers.full.ciphertext/u, (c) => {
      c.tiers.full.ciphertext = 'A'.repeat(4_000_000);
    }),
    edit('JWE with an extra shared header', 2, /invalid field/u, (c) => ({
      ...c,
      tiers: { ...c.tiers, full: { ...c.tiers.full, unprotected: { zip: 'DEF' } } },
    })),
    edit('p2c of one billion (would hang the kiosk)', 2, /parameters outside the supported range/u, (c) => {
      c.tiers.full.recipients[0]!.header = { ...c.tiers.full.recipients[0]!.header, p2c: 1e9 };
      c.tiers.full.protected = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(c.tiers.full.protected, 'base64url').toString()),
          p2c: undefined,
        }),
      ).toString('base64url');
    }),
    edit('p2c in the protected header raised to 1e12', 2, /parameters outside/u, (c) => {
      const h = JSON.parse(Buffer.from(c.tiers.full.protected, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      c.tiers.full.protected = Buffer.from(JSON.stringify({ ...h, p2c: 1e12 })).toString('base64url');
    }),
    edit('p2c duplicated in protected and recipient headers', 2, /parameters outside/u, (c) => {
      c.tiers.full.recipients[0]!.header = { ...c.tiers.full.recipients[0]!.header, p2c: 1000 };
    }),
    edit('protected header is not JSON', 2, /damaged/u, (c) => {
      c.tiers.full.protected = Buffer.from('not json').toString('base64url');
    }),
    edit('content encryption A128GCM', 2, /parameters outside/u, (c) => {
      const h = JSON.parse(Buffer.from(c.tiers.full.protected, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      c.tiers.full.protected = Buffer.from(JSON.stringify({ ...h, enc: 'A128GCM' })).toString('base64url');
    }),
    edit('compressed (zip) content', 2, /parameters outside/u, (c) => {
      const h = JSON.parse(Buffer.from(c.tiers.full.protected, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      c.tiers.full.protected = Buffer.from(JSON.stringify({ ...h, zip: 'DEF' })).toString('base64url');
    }),
    edit('no patient-code recipient', 3, /none of the given keys/u, (c) => {
      c.tiers.full.recipients[0]!.header.alg = 'RSA-OAEP-256';
      const h = JSON.parse(Buffer.from(c.tiers.full.protected, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      delete h.p2c;
      delete h.p2s;
      c.tiers.full.protected = Buffer.from(JSON.stringify(h)).toString('base64url');
    }),
    edit('encrypted key of the wrong length', 2, /damaged/u, (c) => {
      c.tiers.full.recipients[0]!.encrypted_key = 'AAAA';
    }),
    edit('encrypted key altered', 3, /does not open/u, (c) => {
      c.tiers.full.recipients[0]!.encrypted_key = flip(c.tiers.full.recipients[0]!.encrypted_key, 10);
    }),
    edit('ciphertext byte flipped (start)', 2, /damaged or was altered/u, (c) => {
      c.tiers.full.ciphertext = flip(c.tiers.full.ciphertext, 0);
    }),
    edit('ciphertext byte flipped (end)', 2, /damaged or was altered/u, (c) => {
      c.tiers.full.ciphertext = flip(c.tiers.full.ciphertext, c.tiers.full.ciphertext.length - 3);
    }),
    edit('ciphertext truncated', 2, /damaged or was altered/u, (c) => {
      c.tiers.full.ciphertext = c.tiers.full.ciphertext.slice(0, 1000);
    }),
    edit('tag flipped', 2, /damaged or was altered/u, (c) => {
      c.tiers.full.tag = flip(c.tiers.full.tag, 4);
    }),
    edit('iv flipped', 2, /damaged or was altered/u, (c) => {
      c.tiers.full.iv = flip(c.tiers.full.iv, 2);
    }),
    edit('tiers swapped', 2, /damaged or was altered/u, (c) => {
      c.tiers = { full: c.tiers.emergency, emergency: c.tiers.full };
    }),
    edit('container id changed', 2, /damaged or was altered/u, (c) => {
      c.id = 'f'.repeat(32);
    }),
  );

  // Decrypted content: well encrypted, but hostile inside.
  cases.push(
    await content('plain text instead of a signed bundle', 'hello world', 2, /not a signed record/u),
    await content('empty plaintext', new Uint8Array(0), 2, /not a signed record/u),
    await content(
      'XML FHIR document (wrong content type)',
      '<Bundle xmlns="http://hl7.org/fhir"/>',
      2,
      /not a signed record/u,
    ),
    await content(
      'signed JWS over invalid JSON',
      await signed('{"resourceType": "Bund'),
      2,
      /not a JSON document/u,
    ),
    await content(
      'signed JWS over invalid UTF-8',
      await signed(Uint8Array.from([0x7b, 0xff, 0x7d])),
      2,
      /not a JSON document/u,
    ),
    await content(
      'signed nesting bomb',
      await signed(`{"resourceType":"Bundle","x":${nest(10_000)}}`),
      2,
      /not a JSON document/u,
    ),
    await content('signed JSON array', await signed('[]'), 2, /not a valid IPS bundle/u),
    await content(
      'signed Patient instead of a Bundle',
      await signed('{"resourceType":"Patient"}'),
      2,
      /not a valid IPS bundle/u,
    ),
    await content(
      'signed Bundle of type collection',
      await signed(JSON.stringify({ ...bundle, type: 'collection' })),
      2,
      /not a valid IPS bundle/u,
    ),
    await content(
      'signed Bundle without a Composition',
      await signed(JSON.stringify({ ...bundle, entry: [] })),
      2,
      /not a valid IPS bundle/u,
    ),
    await content(
      'signed Bundle with a 1.2 MB string',
      await signed(JSON.stringify({ ...bundle, id: 'x'.repeat(1_200_000) })),
      2,
      /not a valid IPS bundle/u,
    ),
    await content(
      'signed Bundle with 20 000 entries',
      await signed(
        JSON.stringify({
          ...bundle,
          entry: [
            ...bundle.entry,
            ...Array.from({ length: 20_000 }, (_, i) => ({
              resource: { resourceType: 'Basic', id: String(i) },
            })),
          ],
        }),
      ),
      2,
      /not a valid IPS bundle/u,
    ),
    await content('unsigned bundle (HZ-04)', JSON.stringify(bundle), 4, /signature: NONE/u),
    await content(
      'emergency-tier signature in the full slot (HZ-04)',
      await signed(JSON.stringify(bundle), 'emergency'),
      4,
      /signature: INVALID/u,
    ),
    await content(
      'JWS with a forged signature (HZ-04)',
      enc.encode(`${new TextDecoder().decode(await signed(JSON.stringify(bundle))).slice(0, -10)}AAAAAAAAAA`),
      4,
      /signature: INVALID/u,
    ),
    await content(
      'JWS with alg none (HZ-04)',
      `${Buffer.from('{"alg":"none","typ":"baladeur-tier+jws","tier":"full"}').toString('base64url')}.${Buffer.from(JSON.stringify(bundle)).toString('base64url')}.`,
      4,
      /signature: INVALID/u,
    ),
  );

  // Codes.
  const typo = code.slice(0, 5) + (code[5] === '7' ? '8' : '7') + code.slice(6);
  cases.push(
    { name: 'code with a typo', bytes: valid, exit: 3, message: /typo/u, code: typo },
    { name: 'code too short', bytes: valid, exit: 3, message: /must have 16 characters/u, code: 'ABCD-EFGH' },
    {
      name: 'code with a U',
      bytes: valid,
      exit: 3,
      message: /not in its alphabet/u,
      code: 'UUUU-UUUU-UUUU-UUUU',
    },
    {
      name: 'code of 10 000 characters',
      bytes: valid,
      exit: 3,
      message: /must have 16 characters/u,
      code: 'A'.repeat(10_000),
    },
    {
      name: 'wrong code',
      bytes: valid,
      exit: 3,
      message: /does not open the full tier/u,
      code: '0000-0000-0000-0000',
    },
  );
  // The same container-level failures, reached through a FAT image rather than a bare file.
  const throughFat = [
    'version 2',
    'nesting bomb of objects',
    'tiers swapped',
    'unsigned bundle (HZ-04)',
    'signed Patient instead of a Bundle',
    'wrong code',
  ];
  for (const c of cases.filter((x) => throughFat.includes(x.name))) {
    cases.push({ ...c, name: `${c.name}, in a FAT image`, bytes: inImage(c.bytes) });
  }
  return { cases, code: formatPatientCode(code) as PatientCode };
}
