import { describe, expect, it } from 'vitest';
import type { AllergyItem, Summary } from '../record/summary/types.ts';
import { frenchSummary } from './summaries.testing.ts';
import { decodeCommands } from '../dev/virtual-printer/decode-commands.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { fitsCodePage } from '../drivers/printer/layout/code-page.ts';
import { foldForCodePage } from '../drivers/printer/layout/fold.ts';
import { estimateBlock, renderBlocks, type Block } from '../drivers/printer/layout/layout.ts';
import { RECEIPT_LIMITS, TEXT_LIMITS } from '../drivers/printer/layout/limits.ts';
import { LANGUAGES } from '../common/languages.ts';
import { CUT_MARK } from './cut-mark.ts';
import { renderSummaryReceipt } from './summary-receipt.ts';
import { receiptInput as input } from './summary-receipt.testing.ts';
import { buildCrossCheckReceipt } from './crosscheck-receipt.ts';

const allergy = (id: string, text: string, over: Partial<AllergyItem> = {}): AllergyItem => ({
  id,
  substance: { text, codings: [] },
  categories: ['medication'],
  criticality: 'low',
  reactions: [{ manifestations: ['urticaire'], severity: 'mild' }],
  ...over,
});

const withAllergies = (items: AllergyItem[]): Summary =>
  frenchSummary({ allergies: { status: 'entries', items } });

/** Decoded text with every run of white space as one space (wrapping may break a name). */
const flat = (bytes: Uint8Array): string => decodeReceiptText(bytes).plain.replace(/\s+/g, ' ');

const rasterRows = (bytes: Uint8Array): number[] =>
  decodeCommands(bytes).flatMap((item) => (item.kind === 'raster' ? [item.height] : []));

const expectWithinLimits = (r: { bytes: Uint8Array; paperMm: number }): void => {
  expect(r.bytes.length).toBeLessThanOrEqual(RECEIPT_LIMITS.maxBytes);
  expect(r.paperMm).toBeLessThanOrEqual(RECEIPT_LIMITS.maxPaperMm);
};

const FR_MARK = "suite à l'écran";

describe('bounded receipts (issue 15)', () => {
  it.each([80, 58] as const)(
    'HZ-03 a 20 000-character CJK allergy at %i mm: one bounded image, marked, other allergies named',
    async (width) => {
      const huge = '青霉素过敏反应严重'.repeat(2223).slice(0, 20_000);
      const summary = withAllergies([
        allergy('cjk', huge, { criticality: 'high' }),
        allergy('a2', 'Arachide'),
      ]);
      const r = await renderSummaryReceipt(input(summary, { width }));
      expectWithinLimits(r);
      expect(r.bytes.length).toBeLessThan(64 * 1024);
      expect(r.cutTexts).toBeGreaterThanOrEqual(1);
      const rows = rasterRows(r.bytes);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(Math.max(...rows)).toBeLessThanOrEqual(TEXT_LIMITS.maxRasterLines * 40 + 8);
      const text = flat(r.bytes);
      expect(text).toContain(FR_MARK);
      expect(text).toContain('! Arachide');
      // The sections after the allergies and the signature are still there.
      expect(text).toContain('Kardégic 75 mg');
      expect(text).toContain('Auteur(s) : Dr Anaïs LEFÈVRE');
    },
  );

  it.each([80, 58] as const)(
    'HZ-03 500 allergies at %i mm: within the limits, every allergy named, the rest marked',
    async (width) => {
      const names = Array.from({ length: 500 }, (_, i) => `Allergène ${String(i + 1).padStart(3, '0')}`);
      const summary = withAllergies(names.map((n, i) => allergy(`a${i}`, n)));
      const r = await renderSummaryReceipt(input(summary, { width }));
      expectWithinLimits(r);
      expect(r.allergyForm).not.toBe('full');
      const text = flat(r.bytes);
      const missing = names.filter((n) => !text.includes(n));
      expect(missing).toEqual([]);
      // Criticality words and reactions are left out of the shorter forms: marked.
      expect(text).toContain(FR_MARK);
      expect(text).toContain('Auteur(s) : Dr Anaïs LEFÈVRE');
    },
  );

  it('HZ-03 many medications: the allergies stay whole, the sections stop at the mark', async () => {
    const summary = frenchSummary({
      medications: {
        status: 'entries',
        items: Array.from({ length: 600 }, (_, i) => ({
          id: `m${i}`,
          medication: { text: `Médicament numéro ${i + 1} comprimé pelliculé sécable`, codings: [] },
          ingredients: [],
          dosage: '1 comprimé matin et soir',
          source: 'MedicationStatement' as const,
        })),
      },
    });
    const r = await renderSummaryReceipt(input(summary));
    expectWithinLimits(r);
    expect(r.allergyForm).toBe('full');
    const text = flat(r.bytes);
    expect(text).toContain('! Pénicillines (bêta-lactamines)');
    expect(text).toContain('Œdème de Quincke');
    expect(text).toContain('Médicament numéro 1 comprimé');
    expect(text).not.toContain('Médicament numéro 600 comprimé');
    expect(text).toContain(FR_MARK);
    expect(text).toContain('Auteur(s) : Dr Anaïs LEFÈVRE');
  });

  it('HZ-03 a long note is cut to the per-text limit with the mark, in the receipt language', async () => {
    const note = 'Réaction documentée lors de la perfusion. '.repeat(200);
    const summary = withAllergies([allergy('a1', 'Pénicillines', { note })]);
    const r = await renderSummaryReceipt(input(summary, { language: 'en' }));
    const text = flat(r.bytes);
    expect(text).toContain('! Pénicillines');
    expect(text).toContain('continued on screen');
    expect(text.split('Réaction documentée').length - 1).toBeLessThan(20);
  });

  it('a record of normal size prints whole: nothing cut, no mark', async () => {
    const r = await renderSummaryReceipt(input(frenchSummary()));
    expect(r.cutTexts).toBe(0);
    expect(r.allergyForm).toBe('full');
    expect(flat(r.bytes)).not.toContain(FR_MARK);
  });

  it.each(LANGUAGES)('the %s mark prints as text on both code pages', (language) => {
    for (const codePage of ['pc858', 'wpc1252'] as const) {
      expect(fitsCodePage(foldForCodePage(CUT_MARK[language], codePage), codePage)).toBe(true);
    }
  });

  it('the estimate of a block is never below what it prints (text and drawn text)', async () => {
    const options = { width: 58, codePage: 'pc858', cutMark: CUT_MARK.fr } as const;
    const blocks: Block[] = [
      { kind: 'text', text: 'Latin words of a normal line. '.repeat(40), style: { indent: 4 } },
      { kind: 'text', text: '青霉素'.repeat(400), style: { bold: true, invert: true, indent: 2 } },
      { kind: 'text', text: 'Πενικιλλίνη\n'.repeat(30) },
      { kind: 'text', text: 'Œdème '.repeat(30), style: { tall: true } },
    ];
    const init = (await renderBlocks([], options)).bytes.length;
    for (const block of blocks) {
      const printed = await renderBlocks([block], options);
      const estimate = estimateBlock(block, options);
      expect(printed.bytes.length - init).toBeLessThanOrEqual(estimate.bytes);
      expect(printed.paperMm).toBeLessThanOrEqual(estimate.paperMm);
    }
  });

  it('HZ-03 the cross-check receipt cuts a huge drug text with its mark', async () => {
    const bytes = await buildCrossCheckReceipt({
      result: {
        boxes: [],
        notices: ['Notice '.repeat(2000)],
        knowledgeSource: 'BDPM',
      } as unknown as Parameters<typeof buildCrossCheckReceipt>[0]['result'],
      site: { name: 'Pharmacie' },
      printedAt: new Date('2026-11-28T13:45:00Z'),
      printedBy: { name: 'Paul MARTIN', profession: 'pharmacist' },
      language: 'fr',
      width: 80,
      codePage: 'wpc1252',
    });
    expect(flat(bytes)).toContain(FR_MARK);
    expect(bytes.length).toBeLessThan(4096);
  });
});
