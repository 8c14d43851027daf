/**
 * Every real IPS fixture, summarised, printed at both widths and in both code pages through the
 * virtual printer over TCP; the bytes the printer received are decoded and every allergy,
 * medication and problem text must be on paper, accents intact (HZ-03).
 */
import { ipsFixturesDir } from '../../../appliance/dev/fixtures.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../appliance/drivers/printer/escpos-printer.ts';
import { fitsCodePage, type CodePageId } from '../../../appliance/drivers/printer/layout/code-page.ts';
import { foldForCodePage } from '../../../appliance/drivers/printer/layout/fold.ts';
import { sanitiseText } from '../../../appliance/drivers/printer/layout/sanitise.ts';
import { renderSummaryReceipt } from '../../../appliance/receipts/summary-receipt.ts';
import { TcpTransport } from '../../../appliance/drivers/printer/transport/tcp.ts';
import { decodeReceiptText } from '../../../appliance/dev/virtual-printer/decoder.ts';
import {
  startVirtualPrinter,
  type VirtualPrinter,
} from '../../../appliance/dev/virtual-printer/tcp-server.ts';
import { parseIpsBundle } from '../../../appliance/record/ips/index.ts';
import { summarize } from '../../../appliance/record/summary/summarize.ts';
import type { Summary } from '../../../appliance/record/summary/types.ts';

const DIR = ipsFixturesDir();
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.json'));

let printer: VirtualPrinter;
let driver: EscPosPrinter;
beforeAll(async () => {
  printer = await startVirtualPrinter();
  driver = new EscPosPrinter(new TcpTransport({ host: printer.host, port: printer.port }), {
    statusTimeoutMs: 500,
  });
});
afterAll(async () => {
  await driver.close();
  await printer.close();
});

function clinicalTexts(s: Summary): string[] {
  const texts: string[] = [];
  if (s.allergies.status === 'entries')
    for (const a of s.allergies.items)
      texts.push(a.substance.text, ...a.reactions.flatMap((r) => r.manifestations));
  if (s.medications.status === 'entries')
    for (const m of s.medications.items)
      // Authored dosage text only: dose and timing from structure are printed in the reader's words.
      texts.push(m.medication.text, ...(m.dosages ?? []).flatMap((d) => (d.text ? [d.text] : [])));
  if (s.problems.status === 'entries') for (const p of s.problems.items) texts.push(p.condition.text);
  return texts;
}

const squash = (s: string): string => s.replace(/\s+/g, '');

describe.each(FIXTURES)('HZ-03 %s on paper', (fixture) => {
  const parsed = parseIpsBundle(JSON.parse(readFileSync(path.join(DIR, fixture), 'utf8')));
  if (!parsed.ok) throw new Error(`fixture ${fixture} does not parse`);
  const summary = summarize(parsed.value);

  it.each<[80 | 58, CodePageId]>([
    [80, 'pc858'],
    [58, 'pc858'],
    [80, 'wpc1252'],
    [58, 'wpc1252'],
  ])(
    'HZ-03 every allergy, medication and problem text is printed at %i mm in %s',
    async (width, codePage) => {
      const { bytes, rasterBlocks } = await renderSummaryReceipt({
        summary,
        verification: { status: 'valid', signer: 'Dr Test', signedAt: '2026-01-01' },
        site: { name: 'Test site' },
        printedAt: new Date('2026-11-28T12:00:00Z'),
        printedBy: { name: 'Nurse Test', profession: 'nurse' },
        language: 'en',
        width,
        codePage,
      });
      printer.core.clearLogs();
      expect(await driver.print(bytes)).toEqual({ status: 'printed' });
      const { transcript, plain } = decodeReceiptText(printer.core.printed);
      const onPaper = squash(plain);
      let asImages = 0;
      for (const text of clinicalTexts(summary)) {
        const expected = foldForCodePage(sanitiseText(text), codePage);
        if (fitsCodePage(expected, codePage)) expect(onPaper).toContain(squash(expected));
        else asImages++;
      }
      expect(rasterBlocks).toBeGreaterThanOrEqual(asImages > 0 ? 1 : 0);
      expect(transcript).not.toMatch(/\[(UNKNOWN|CTRL|CODEPAGE\?|TRUNCATED)/);
      expect(plain).not.toContain('\uFFFD');
      const columns = width === 80 ? 48 : 32;
      for (const line of transcript.split('\n')) {
        expect([...line.replace(/\[\/?[A-Z]+\]/g, '')].length).toBeLessThanOrEqual(columns);
      }
    },
  );
});
