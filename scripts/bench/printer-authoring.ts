/**
 * The two receipts of an author's update (issue 16), part of the `printer` area: the patient's
 * change receipt (a dozen changes, every section) and the patient-code card, at 80 and 58 mm.
 */
import { renderCodeCard } from '../../appliance/receipts/code-card.ts';
import { renderUpdateReceipt, type ReceiptChangeLine } from '../../appliance/receipts/update-receipt.ts';
import { generatePatientCode } from '../../appliance/record/code/patient-code.ts';
import type { RenderResult } from '../../appliance/drivers/printer/layout/layout.ts';
import { percentile, type BenchFigure } from './figure.ts';

const CHANGES: ReceiptChangeLine[] = [
  {
    kind: 'added',
    section: 'allergies',
    after: { label: 'Amoxicilline — criticité haute — œdème de Quincke' },
  },
  { kind: 'removed', section: 'allergies', before: { label: 'Arachide — criticité faible' } },
  {
    kind: 'changed',
    section: 'medications',
    before: { label: 'Metformine 500 mg — 1 cp matin' },
    after: { label: 'Metformine 500 mg — 1 cp matin et soir' },
  },
  { kind: 'added', section: 'medications', after: { label: 'Ramipril 5 mg — 1 cp le matin' } },
  { kind: 'removed', section: 'medications', before: { label: 'Ibuprofène 400 mg — si douleur' } },
  { kind: 'added', section: 'problems', after: { label: 'Diabète de type 2' } },
  { kind: 'changed', section: 'bloodGroup', before: { label: 'A+' }, after: { label: 'A-' } },
  { kind: 'added', section: 'devices', after: { label: 'Stimulateur cardiaque (2024)' } },
  { kind: 'added', section: 'directives', after: { label: 'Pas de réanimation en cas d’arrêt cardiaque' } },
  { kind: 'added', section: 'contacts', after: { label: 'Paul DURAND (fils) 06 12 34 56 78' } },
  { kind: 'removed', section: 'contacts', before: { label: 'Marie DURAND (épouse) 06 98 76 54 32' } },
  {
    kind: 'changed',
    section: 'identity',
    before: { label: 'DURAND Jean' },
    after: { label: 'DURAND Jean-Pierre' },
  },
];

async function timed(render: () => Promise<RenderResult>): Promise<{ p95: number; last: RenderResult }> {
  let last = await render(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    last = await render();
    times.push(performance.now() - t0);
  }
  return { p95: Number(percentile(times, 95).toFixed(2)), last };
}

export async function authoringReceiptFigures(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const code = generatePatientCode();
  for (const width of [80, 58] as const) {
    const receipt = await timed(() =>
      renderUpdateReceipt({
        changes: CHANGES,
        author: { name: 'Dr Claire MARTIN', profession: 'doctor', nationalId: '810001234568' },
        version: 4,
        writtenAt: new Date(),
        site: { name: 'Bench' },
        language: 'fr',
        width,
        codePage: 'wpc1252',
      }),
    );
    const card = await timed(() =>
      renderCodeCard({ code, createdAt: new Date(), language: 'fr', width, codePage: 'wpc1252' }),
    );
    for (const [tag, run] of [
      [`printer.update_receipt.12_changes.${width}mm`, receipt],
      [`printer.code_card.${width}mm`, card],
    ] as const) {
      figures.push(
        { name: `${tag}.build_p95`, value: run.p95, unit: 'ms', budget: '≤ 50 ms' },
        { name: `${tag}.bytes`, value: run.last.bytes.length, unit: 'bytes' },
        { name: `${tag}.paper`, value: Math.round(run.last.paperMm), unit: 'mm' },
      );
    }
  }
  return figures;
}
