/**
 * Printer bench (issue 5): summary → ESC/POS bytes (ms), bytes per receipt, and the ratio of our
 * bytes to a full-raster rendering of the same receipt (every text block drawn as an image).
 */
import path from 'node:path';
import { ipsFixturesDir } from '../../appliance/dev/fixtures.ts';
import { readFileSync } from 'node:fs';
import { renderSummaryReceipt, type SummaryReceiptInput } from '../../appliance/receipts/summary-receipt.ts';
import { frenchSummary } from '../../appliance/receipts/summaries.testing.ts';
import { parseIpsBundle } from '../../appliance/record/ips/index.ts';
import { summarize } from '../../appliance/record/summary/summarize.ts';
import type { Summary } from '../../appliance/record/summary/types.ts';
import { percentile, type BenchFigure } from './figure.ts';
import { authoringReceiptFigures } from './printer-authoring.ts';

function fixtureSummary(name: string): Summary {
  const parsed = parseIpsBundle(
    JSON.parse(readFileSync(path.join(ipsFixturesDir(), `${name}.json`), 'utf8')),
  );
  if (!parsed.ok) throw new Error(`fixture ${name} does not parse`);
  return summarize(parsed.value);
}

const input = (summary: Summary, width: 80 | 58): SummaryReceiptInput => ({
  summary,
  verification: { status: 'valid', signer: 'Dr Bench', signedAt: '2026-01-01' },
  site: { name: 'Bench' },
  printedAt: new Date('2026-11-28T12:00:00Z'),
  printedBy: { name: 'Bench', profession: 'nurse' },
  language: 'fr',
  width,
  codePage: 'wpc1252',
});

export default async function bench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const cases: [string, Summary][] = [
    ['french_hand_built', frenchSummary()],
    ['IPS_IG-bundle-01', fixtureSummary('IPS_IG-bundle-01')],
    ['US_ePatientDave_medStatements', fixtureSummary('US_ePatientDave_medStatements_with_Narrative')],
  ];
  for (const [name, summary] of cases) {
    for (const width of [80, 58] as const) {
      await renderSummaryReceipt(input(summary, width)); // warm-up (fonts, code page tables)
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        bytes = (await renderSummaryReceipt(input(summary, width))).bytes.length;
        times.push(performance.now() - t0);
      }
      const raster = (await renderSummaryReceipt(input(summary, width), { rasterAll: true })).bytes.length;
      const tag = `printer.receipt.${name}.${width}mm`;
      figures.push(
        {
          name: `${tag}.build_p95`,
          value: Number(percentile(times, 95).toFixed(2)),
          unit: 'ms',
          budget: '≤ 50 ms',
        },
        { name: `${tag}.bytes`, value: bytes, unit: 'bytes' },
        {
          name: `${tag}.ratio_to_full_raster`,
          value: Number((bytes / raster).toFixed(3)),
          unit: 'ratio',
          budget: '≤ 0.2',
          note: `full raster ${raster} bytes`,
        },
      );
    }
  }
  // A name the code page cannot hold is drawn as an image: the cost of that path.
  const greek = frenchSummary({ patient: { name: 'Γεώργιος ΠΑΠΑΔΌΠΟΥΛΟΣ', birthDate: '1970-01-01' } });
  await renderSummaryReceipt(input(greek, 80));
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await renderSummaryReceipt(input(greek, 80));
    times.push(performance.now() - t0);
  }
  figures.push({
    name: 'printer.receipt.greek_name_raster.80mm.build_p95',
    value: Number(percentile(times, 95).toFixed(2)),
    unit: 'ms',
    budget: '≤ 50 ms',
    note: 'one text block drawn with sharp/Pango',
  });
  // Issue 15: a 20 000-character CJK allergy is cut to its limit before it is drawn.
  const cjk = frenchSummary({
    allergies: {
      status: 'entries',
      items: [
        {
          id: 'cjk',
          substance: { text: '青霉素过敏反应严重'.repeat(2223).slice(0, 20_000), codings: [] },
          categories: [],
          criticality: 'high',
          reactions: [],
        },
      ],
    },
  });
  const cjkTimes: number[] = [];
  let cjkResult = await renderSummaryReceipt(input(cjk, 80));
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    cjkResult = await renderSummaryReceipt(input(cjk, 80));
    cjkTimes.push(performance.now() - t0);
  }
  figures.push(
    {
      name: 'printer.receipt.cjk_20000_allergy.80mm.build_p95',
      value: Number(percentile(cjkTimes, 95).toFixed(2)),
      unit: 'ms',
    },
    { name: 'printer.receipt.cjk_20000_allergy.80mm.bytes', value: cjkResult.bytes.length, unit: 'bytes' },
    {
      name: 'printer.receipt.cjk_20000_allergy.80mm.paper',
      value: Math.round(cjkResult.paperMm),
      unit: 'mm',
      budget: '≤ 1500 mm',
    },
  );
  figures.push(...(await authoringReceiptFigures()));
  return figures;
}
