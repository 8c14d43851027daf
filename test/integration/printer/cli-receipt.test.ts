import { ipsFixturesDir } from '../../../appliance/dev/fixtures.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReceiptText } from '../../../appliance/dev/virtual-printer/decoder.ts';
import {
  startVirtualPrinter,
  type VirtualPrinter,
} from '../../../appliance/dev/virtual-printer/tcp-server.ts';
import type { CliIo } from '../../../scripts/cli/command.ts';
import { main } from '../../../scripts/cli/main.ts';
import { receipt } from '../../../scripts/cli/receipt.ts';

const FIXTURE = path.join(ipsFixturesDir(), 'IPS_IG-bundle-01.json');
let dir: string;
let printer: VirtualPrinter;
let code: string;
const io = (out: string[], err: string[]): CliIo => ({
  stdout: (t) => out.push(t),
  stderr: (t) => err.push(t),
  env: process.env,
});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baladeur-receipt-'));
  const out: string[] = [];
  const rc = await main(
    ['key', 'create', '--dev', '--ips', FIXTURE, '--out', path.join(dir, 'key.img'), '--p2c', '1000'],
    io(out, []),
  );
  expect(rc).toBe(0);
  code = out.join('').trim().split('\n').pop() ?? '';
  printer = await startVirtualPrinter();
}, 60_000);
afterAll(async () => {
  await printer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ rc: number; err: string }> {
  const err: string[] = [];
  const { parseArgs } = await import('node:util');
  // The key was written with the development PKI: --dev trusts its test CA (and its emergency key).
  const values = parseArgs({ args: ['--dev', ...args], options: receipt.options, strict: true }).values;
  try {
    const rc = await receipt.run(values as Record<string, string | boolean | undefined>, io([], err));
    return { rc, err: err.join('') };
  } catch (e) {
    return { rc: (e as { exitCode?: number }).exitCode ?? -1, err: String(e) };
  }
}

describe('baladeur receipt', () => {
  it('writes the ESC/POS bytes of the key summary (58 mm, English)', async () => {
    const out = path.join(dir, 'r.bin');
    const { rc } = await run([
      '--in',
      path.join(dir, 'key.img'),
      '--code',
      code,
      '--width',
      '58',
      '--lang',
      'en',
      '--out',
      out,
    ]);
    expect(rc).toBe(0);
    const { transcript } = decodeReceiptText(fs.readFileSync(out));
    expect(transcript).toContain('ALLERGIES AND INTOLERANCES');
    expect(transcript).toContain('Martha DeLarosa');
  });

  it.each([
    ['de', 'ALLERGIEN UND UNVERTRÄGLICHKEITEN', 'AKTUELLE MEDIKATION', 'Vertrauliches Dokument'],
    ['es', 'ALERGIAS E INTOLERANCIAS', 'TRATAMIENTO ACTUAL', 'Documento confidencial'],
    ['it', 'ALLERGIE E INTOLLERANZE', 'TERAPIA IN CORSO', 'Documento riservato'],
  ])('--lang %s prints the whole receipt in that language', async (lang, allergies, medication, footer) => {
    const out = path.join(dir, `r-${lang}.bin`);
    const { rc } = await run([
      '--in',
      path.join(dir, 'key.img'),
      '--code',
      code,
      '--lang',
      lang,
      '--out',
      out,
    ]);
    expect(rc).toBe(0);
    const { plain } = decodeReceiptText(fs.readFileSync(out));
    for (const words of [allergies, medication, footer]) expect(plain).toContain(words);
    expect(plain).not.toContain('ALLERGIES AND INTOLERANCES');
    expect(plain).not.toMatch(/\b(once|times) per day\b/);
  });

  it('refuses a language it does not have', async () => {
    const { rc } = await run([
      '--in',
      path.join(dir, 'key.img'),
      '--code',
      code,
      '--lang',
      'pt',
      '--out',
      path.join(dir, 'pt.bin'),
    ]);
    expect(rc).not.toBe(0);
  });

  it('sends them to a printer and waits for it to confirm', async () => {
    const { rc, err } = await run([
      '--in',
      path.join(dir, 'key.img'),
      '--emergency',
      '--printer',
      printer.url,
    ]);
    expect(rc).toBe(0);
    expect(err).toContain('print: done');
    expect(decodeReceiptText(printer.core.printed).transcript).toContain("Résumé d'urgence");
  });

  it('refuses a wrong code', async () => {
    const { rc } = await run([
      '--in',
      path.join(dir, 'key.img'),
      '--code',
      'AAAA-AAAA-AAAA-AAAA',
      '--out',
      path.join(dir, 'x.bin'),
    ]);
    expect(rc).toBe(3);
  });
});
