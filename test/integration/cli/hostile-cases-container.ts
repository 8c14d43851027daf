/** HZ-13 hostile CLI keys, the container file: broken JSON, invalid fields, altered JWE parameters. */
import { enc, flip, nest, notFat, type HostileCase, type HostileKit } from './hostile-kit.ts';

export function containerCases({ validText, edit }: HostileKit): HostileCase[] {
  const cases: HostileCase[] = [];
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
  return cases;
}
