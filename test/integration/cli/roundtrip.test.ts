import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emergencyTier } from '../../../appliance/record/ips/tiers.ts';
import type { IpsBundle } from '../../../appliance/record/ips/types.ts';
import { FIXTURES, FIXTURE_DIR, readFixture, runCli, tempDir } from './harness.ts';
import { nonZeroChunks, personalStrings } from './personal.ts';

const tmp = tempDir('roundtrip');
afterAll(() => tmp.remove());

function clearText(record: Uint8Array): string {
  const container = JSON.parse(new TextDecoder().decode(record)) as Record<string, unknown>;
  const headers: string[] = [];
  const strip = (jwe: Record<string, unknown>) => {
    headers.push(Buffer.from(String(jwe.protected), 'base64url').toString('utf8'));
    return {
      ...jwe,
      ciphertext: '',
      iv: '',
      tag: '',
      protected: '',
      recipients: (jwe.recipients as object[]).map((r) => ({ ...r, encrypted_key: '' })),
    };
  };
  const tiers = container.tiers as Record<string, Record<string, unknown>>;
  const logKey = container.logKey as Record<string, unknown>;
  const structure = {
    ...container,
    tiers: { full: strip(tiers.full ?? {}), emergency: strip(tiers.emergency ?? {}) },
    logKey: { ...logKey, wrappedPrivateKey: strip(logKey.wrappedPrivateKey as Record<string, unknown>) },
  };
  return JSON.stringify(structure) + headers.join('');
}

describe('key create → read, every fixture', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture}: full tier deep-equal, emergency tier by break-glass, nothing personal on the key`, async () => {
      const image = path.join(tmp.dir, `${fixture}.img`);
      const bundle = readFixture(fixture);
      const created = await runCli([
        'key',
        'create',
        '--dev',
        '--ips',
        path.join(FIXTURE_DIR, fixture),
        '--out',
        image,
      ]);
      expect(created.exitCode, created.stderr).toBe(0);
      const code = created.stdout.trim();
      expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/u);

      const full = await runCli(['key', 'read', '--dev', '--in', image, '--code', code]);
      expect(full.exitCode, full.stderr).toBe(0);
      expect(JSON.parse(full.stdout)).toEqual(bundle);
      expect(full.stderr).toMatch(/^signature: valid, signed by /u);

      const emergency = await runCli(['key', 'read', '--dev', '--in', image, '--emergency']);
      expect(emergency.exitCode, emergency.stderr).toBe(0);
      expect(JSON.parse(emergency.stdout)).toEqual(
        JSON.parse(JSON.stringify(emergencyTier(bundle as IpsBundle))),
      );

      const withCode = await runCli([
        'key',
        'read',
        '--dev',
        '--in',
        image,
        '--code',
        code.toLowerCase(),
        '--tier',
        'emergency',
      ]);
      expect(withCode.stdout).toBe(emergency.stdout);

      const bytes = nonZeroChunks(fs.readFileSync(image));
      const latin1 = bytes.toString('latin1');
      const inspect = await runCli(['key', 'inspect', '--in', image]);
      expect(inspect.exitCode).toBe(0);
      const info = JSON.parse(inspect.stdout) as { fileBytes: number };
      const record = bytes.subarray(bytes.indexOf('{"format":"baladeur-key"'));
      const structure = clearText(record.subarray(0, info.fileBytes));
      const strings = personalStrings(bundle);
      expect(strings.length).toBeGreaterThan(0);
      for (const value of strings) {
        // Ciphertext is random base64url: a short string can occur in it by chance, so strings under
        // 5 characters are checked against everything readable without a secret (structure,
        // headers, inspect output, file name) rather than the raw bytes.
        if (value.length >= 5) {
          expect(latin1.includes(value), `"${value}" in the image (UTF-8)`).toBe(false);
          expect(bytes.includes(Buffer.from(value, 'utf16le')), `"${value}" in the image (UTF-16LE)`).toBe(
            false,
          );
          expect(bytes.includes(Buffer.from(value, 'utf8')), `"${value}" in the image (bytes)`).toBe(false);
        }
        // The clear structure also holds random bytes in base64url or hex (ids, salts, ephemeral
        // public keys): a short string can occur in those by chance too (≈ 7 % of runs for a
        // 2-letter one); they are blanked for short strings, whose longer forms the raw checks cover.
        const searched = value.length >= 5 ? structure : structure.replace(/"[A-Za-z0-9_-]{16,}"/g, '""');
        expect(searched.includes(value), `"${value}" in the clear structure`).toBe(false);
        expect(inspect.stdout.includes(value), `"${value}" in inspect`).toBe(false);
      }
    });
  }
});
