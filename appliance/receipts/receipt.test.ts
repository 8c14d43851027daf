import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextToken } from '../drivers/printer/escpos/splitter.ts';
import { frenchSummary } from './summaries.testing.ts';
import { decodeCommands } from '../dev/virtual-printer/decode-commands.ts';
import { decodeReceipt, decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { encodable, fitsCodePage } from '../drivers/printer/layout/code-page.ts';
import { escapeMarkup } from '../drivers/printer/layout/raster-text.ts';
import { sanitiseText } from '../drivers/printer/layout/sanitise.ts';
import { renderSummaryReceipt } from './summary-receipt.ts';
import { receiptInput as input } from './summary-receipt.testing.ts';
import { buildTestPage } from './test-page.ts';
import { wrapText } from '../drivers/printer/layout/wrap.ts';

/** Every command in the stream is one the receipt layout emits on purpose. */
function commandsOf(bytes: Uint8Array): Set<string> {
  const seen = new Set<string>();
  for (let at = 0; at < bytes.length;) {
    const t = nextToken(bytes, at);
    if (!t) throw new Error('truncated');
    if (t.kind === 'unknown') seen.add('unknown');
    if (t.kind === 'command')
      seen.add(
        t.prefix
          .slice(0, 2)
          .map((b) => b.toString(16))
          .join(' '),
      );
    at += t.length;
  }
  return seen;
}
const ALLOWED = new Set([
  '1b 40',
  '1c 2e',
  '1b 4d',
  '1b 74',
  '1b 45',
  '1d 42',
  '1d 21',
  '1d 76',
  '1d 56',
  '1d 28',
  'a',
]);

describe('summary receipt layout', () => {
  it('prints allergies first, in reverse video, with criticality, before medication', async () => {
    const { transcript } = decodeReceiptText((await renderSummaryReceipt(input(frenchSummary()))).bytes);
    const allergy = transcript.indexOf('[INVERT][BOLD]! Pénicillines (bêta-lactamines)');
    expect(allergy).toBeGreaterThan(0);
    expect(transcript).toContain('[INVERT][BOLD]  CRITICITÉ HAUTE');
    expect(allergy).toBeLessThan(transcript.indexOf('TRAITEMENTS EN COURS'));
    expect(transcript.indexOf('Nom : Hélène FRANÇOIS-DUPRÉ')).toBeLessThan(allergy);
    expect(transcript).toContain("Résumé d'urgence — confidentiel");
    expect(transcript).toContain('Imprimé le 28/11/2026 14:45');
    expect(transcript).toContain('Signé par Dr Anaïs LEFÈVRE le 02/10/2026');
    expect(transcript.trimEnd().endsWith('[CUT]')).toBe(true);
  });

  it('English section titles, French content as authored', async () => {
    const { transcript } = decodeReceiptText(
      (await renderSummaryReceipt(input(frenchSummary(), { language: 'en' }))).bytes,
    );
    expect(transcript).toContain('Emergency summary — confidential');
    expect(transcript).toContain('CURRENT MEDICATION');
    expect(transcript).toContain('Kardégic 75 mg');
  });

  it.each(['unsigned', 'invalid_signature', 'untrusted', 'expired'] as const)(
    'HZ-04 a %s record prints an unmistakable warning at the top and at the signature',
    async (status) => {
      const { transcript } = decodeReceiptText(
        (await renderSummaryReceipt(input(frenchSummary(), { verification: { status } }))).bytes,
      );
      expect(transcript.match(/\[INVERT\]\[BOLD\]\[TALL\]ATTENTION/g)?.length).toBe(2);
      expect(transcript.indexOf('ATTENTION')).toBeLessThan(transcript.indexOf('PATIENT'));
      expect(transcript).not.toContain('Signé par');
    },
  );

  it('HZ-03 missing allergy section is said on paper, not left blank', async () => {
    const { transcript } = decodeReceiptText(
      (await renderSummaryReceipt(input(frenchSummary({ allergies: { status: 'absent' } })))).bytes,
    );
    expect(transcript).toContain('ALLERGIES NON RENSEIGNÉES');
  });

  it.each([80, 58] as const)(
    'HZ-03 a long unbroken word is hard-wrapped, never truncated (%i mm)',
    async (width) => {
      const word = 'Acide-' + 'x'.repeat(100) + '-fin';
      const summary = frenchSummary({
        problems: { status: 'entries', items: [{ id: 'p', condition: { text: word, codings: [] } }] },
      });
      const { plain, transcript } = decodeReceiptText(
        (await renderSummaryReceipt(input(summary, { width }))).bytes,
      );
      expect(plain.replace(/\s/g, '')).toContain(word);
      const columns = width === 80 ? 48 : 32;
      for (const line of transcript.split('\n'))
        expect([...line.replace(/\[\/?[A-Z]+\]/g, '')].length).toBeLessThanOrEqual(columns);
    },
  );

  it('é è ê à ç ù œ « » € print as code-page text in WPC1252 (œ as raster in PC858)', async () => {
    const text = 'é è ê à ç ù œ « » €';
    expect(fitsCodePage(text, 'wpc1252')).toBe(true);
    expect(fitsCodePage(text.replace('œ', ''), 'pc858')).toBe(true);
    expect(encodable('œ', 'pc858')).toBe(false);
    const summary = frenchSummary({ alerts: { status: 'entries', items: [{ id: 'x', text }] } });
    const r1252 = await renderSummaryReceipt(input(summary));
    expect(decodeReceiptText(r1252.bytes).plain).toContain(text);
  });
});

describe('HZ-10 names the code page cannot hold are printed as images', () => {
  it.each(['Γεώργιος ΠΑΠΑΔΌΠΟΥΛΟΣ', '王小明', 'Иван ПЕТРОВ', 'محمد العلي'])('HZ-10 %s', async (name) => {
    const summary = frenchSummary({ patient: { name, birthDate: '1990-01-01' } });
    const { bytes, rasterBlocks } = await renderSummaryReceipt(
      input(summary, { codePage: 'pc858', width: 58 }),
    );
    const items = decodeCommands(bytes);
    const { transcript, plain } = decodeReceiptText(bytes);
    expect(plain).not.toContain('?');
    expect(transcript).not.toContain('Nom :');
    expect(rasterBlocks).toBeGreaterThanOrEqual(1);
    // The image right after PATIENT is the name line, and it carries ink.
    const patient = items.findIndex((i) => i.kind === 'line' && i.spans.some((s) => s.text === 'PATIENT'));
    const image = items[patient + 1];
    expect(image?.kind).toBe('raster');
    if (image?.kind !== 'raster') return;
    expect(image.width).toBeLessThanOrEqual(384);
    expect(image.bits.reduce((n, b) => n + (b ? 1 : 0), 0)).toBeGreaterThan(20);
  });

  it('the preview PNG draws the receipt', async () => {
    const bytes = (
      await renderSummaryReceipt(input(frenchSummary({ patient: { name: '王小明' } }), { width: 58 }))
    ).bytes;
    const { png, transcript } = await decodeReceipt(bytes);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(transcript).toContain('[RASTER');
  });
});

describe('HZ-16 record text never acts as printer commands', () => {
  const NASTY = [
    '\u001b@', '\u001bE\u0001', '\u001dV\u0000', '\u001d!\u0077', '\u0010\u0004\u0001', '\u0010\u0014\u0001\u0000\u0005',
    '\u001c.', '\u0000', '\u007f', '\u0085', '\u009b', '\u001b', '\u001d', '\u0010', '\u001c', '\r', '\f', '\u202e',
  ]; // prettier-ignore

  it('HZ-16 ESC, GS, DLE, FS, NUL, DEL and C1 bytes in every field print exactly as if absent', async () => {
    const dirty = (s: string): string =>
      NASTY.map((n, i) => (i % 3 === 0 ? n + s.slice(0, 3) : n)).join('') + s;
    const poisoned = frenchSummary({
      patient: { name: dirty('Hélène'), birthDate: '1948-03-07' },
      allergies: {
        status: 'entries',
        items: [
          {
            id: 'a',
            substance: { text: dirty('Pénicilline'), codings: [] },
            categories: [],
            criticality: 'high',
            reactions: [],
          },
        ],
      },
    });
    const reference = frenchSummary({
      patient: { name: sanitiseText(dirty('Hélène')), birthDate: '1948-03-07' },
      allergies: {
        status: 'entries',
        items: [
          {
            id: 'a',
            substance: { text: sanitiseText(dirty('Pénicilline')), codings: [] },
            categories: [],
            criticality: 'high',
            reactions: [],
          },
        ],
      },
    });
    // Line breaks stay (as layout line breaks); every other control is gone.
    // eslint-disable-next-line no-control-regex -- asserting control characters are gone
    expect(sanitiseText(dirty('x'))).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const a = (await renderSummaryReceipt(input(poisoned))).bytes;
    const b = (await renderSummaryReceipt(input(reference))).bytes;
    expect(Buffer.from(a)).toEqual(Buffer.from(b));
    expect([...commandsOf(a)].every((c) => ALLOWED.has(c))).toBe(true);
  });

  it('HZ-16 ☺ ► ← ↔ (bytes 01h 10h 1Bh 1Dh in PC858) are never sent as those bytes', async () => {
    for (const c of '☺►←↔') expect(encodable(c, 'pc858')).toBe(false);
    const summary = frenchSummary({
      alerts: { status: 'entries', items: [{ id: 'x', text: '►←↔☺ Attention' }] },
    });
    const { bytes, rasterBlocks } = await renderSummaryReceipt(input(summary, { codePage: 'pc858' }));
    expect(rasterBlocks).toBeGreaterThanOrEqual(1);
    expect([...commandsOf(bytes)].every((c) => ALLOWED.has(c))).toBe(true);
  });

  it('HZ-16 Pango markup in a name is drawn as text, not interpreted', () => {
    expect(escapeMarkup('<span size="1">A&B</span>')).toBe('&lt;span size="1"&gt;A&amp;B&lt;/span&gt;');
  });

  it('HZ-16 property: any text in any field yields only the commands the layout emits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
        async (a, b) => {
          const summary = frenchSummary({
            allergies: {
              status: 'entries',
              items: [
                {
                  id: 'a',
                  substance: { text: a + b, codings: [] },
                  categories: [],
                  criticality: 'low',
                  reactions: [],
                },
              ],
            },
            alerts: { status: 'entries', items: [{ id: 'x', text: b + '\u001b' + a }] },
          });
          const { bytes } = await renderSummaryReceipt(input(summary, { codePage: 'pc858' }));
          const commands = commandsOf(bytes);
          expect([...commands].filter((c) => !ALLOWED.has(c))).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('word wrap', () => {
  it('HZ-03 property: lines fit, and no character is lost or added', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 8, max: 48 }),
        fc.integer({ min: 0, max: 4 }),
        (text, columns, indent) => {
          const clean = text.replace(/[\n]/g, ' ');
          const lines = wrapText(clean, columns, { indent, firstIndent: 0 });
          for (const l of lines) expect([...l].length).toBeLessThanOrEqual(columns);
          expect(lines.join('').replace(/ /g, '')).toBe(clean.replace(/ /g, ''));
        },
      ),
    );
  });
});

describe('test page', () => {
  it('has the ruler, accents, styles, a raster line of other scripts and a readable QR code', async () => {
    const bytes = await buildTestPage({
      site: { name: 'Site' },
      printedAt: new Date('2026-11-28T10:00:00Z'),
      language: 'en',
      width: 80,
      codePage: 'wpc1252',
    });
    const { transcript } = decodeReceiptText(bytes);
    expect(transcript).toContain('123456789012345678901234567890123456789012345678');
    expect(transcript).toContain('é è ê à ç ù œ « » €');
    expect(transcript).toContain('[RASTER');
    expect(transcript).toContain('[QR BALADEUR TEST 2026-11-28T10:00:00.000Z]');
  });
});
