/** Cross-check figures: BDPM index build, load and size; scan → result (pure part). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex } from '../../appliance/crosscheck/bdpm/build-index.ts';
import { loadDrugKnowledge, readSources, SHIPPED_BDPM_DIR } from '../../appliance/crosscheck/bdpm/load.ts';
import { crossCheck } from '../../appliance/crosscheck/checks/crosscheck.ts';
import { parseScan } from '../../appliance/crosscheck/gs1/parse.ts';
import type { Summary } from '../../appliance/record/summary/types.ts';
import { type BenchFigure, percentile } from './figure.ts';
import { ABSENT_SECTIONS } from '../../appliance/record/summary/blank.ts';

const concept = (text: string) => ({ text, codings: [] });
const SUMMARY: Summary = {
  patient: {},
  authors: [],
  allergies: {
    status: 'entries',
    items: [
      { id: 'a', substance: concept('pénicilline'), categories: [], criticality: 'high', reactions: [] },
    ],
  },
  medications: {
    status: 'entries',
    items: ['COUMADINE 2 mg', 'KARDEGIC 75 mg', 'Metformin 1000 mg', 'atorvastatin', 'amlodipine'].map(
      (t, i) => ({
        id: `m${i}`,
        medication: concept(t),
        ingredients: [],
        status: 'active',
        source: 'MedicationStatement' as const,
      }),
    ),
  },
  ...ABSENT_SECTIONS,
};

export default async function bench(): Promise<BenchFigure[]> {
  const sources = await readSources(SHIPPED_BDPM_DIR);
  if (!sources.ok) throw new Error('shipped BDPM files missing');
  const t0 = performance.now();
  buildIndex(sources.value);
  const build = performance.now() - t0;

  const cacheDir = mkdtempSync(join(tmpdir(), 'baladeur-bench-bdpm-'));
  try {
    const first = await loadDrugKnowledge({ cacheDir });
    if (!first.ok) throw new Error('load failed');
    const loads: number[] = [];
    let knowledge = first.value.knowledge;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await loadDrugKnowledge({ cacheDir });
      loads.push(performance.now() - t);
      if (r.ok) knowledge = r.value.knowledge;
    }
    const scans = [
      `]d2010340093158753817281231` + '10LOT42\u001d21SER1',
      '010340093295935817281231' + '10A121B2',
      '3400933403119',
    ];
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const boxes = scans.map((s, j) => {
        const p = parseScan(s);
        if (!p.ok) throw new Error('bench scan');
        return { id: `b${j}`, source: 'scan' as const, scan: p.value };
      });
      crossCheck(SUMMARY, boxes, knowledge, { now: new Date(), language: 'fr' });
      times.push(performance.now() - t);
    }
    return [
      { name: 'crosscheck.index.build', value: build, unit: 'ms', note: 'once per release, cached' },
      {
        name: 'crosscheck.index.load',
        value: percentile(loads, 50),
        unit: 'ms',
        budget: '≪ 1000 ms',
        note: 'read + hash sources, parse cached index (median of 5)',
      },
      { name: 'crosscheck.index.size', value: first.value.indexBytes / 1024, unit: 'KB' },
      {
        name: 'crosscheck.scan_to_result.p95',
        value: percentile(times, 95),
        unit: 'ms',
        note: '3 boxes, 5 medications, 1 allergy; pure part',
      },
    ];
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
