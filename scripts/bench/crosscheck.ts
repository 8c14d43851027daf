/** Cross-check figures: BDPM index build, load and size; scan → result (pure part) with the issue-18 tables. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex } from '../../appliance/crosscheck/bdpm/build-index.ts';
import { loadDrugKnowledge, readSources, SHIPPED_BDPM_DIR } from '../../appliance/crosscheck/bdpm/load.ts';
import { crossCheck } from '../../appliance/crosscheck/checks/crosscheck.ts';
import { INTERACTIONS } from '../../appliance/crosscheck/checks/interaction-table.ts';
import { parseScan } from '../../appliance/crosscheck/gs1/parse.ts';
import type { Summary } from '../../appliance/record/summary/types.ts';
import { type BenchFigure, percentile } from './figure.ts';
import { ABSENT_SECTIONS } from '../../appliance/record/summary/blank.ts';

const concept = (text: string) => ({ text, codings: [] });
const allergyItem = (id: string, text: string) => ({
  id,
  substance: concept(text),
  categories: ['medication'],
  criticality: 'high' as const,
  reactions: [],
});
/** A record written the French way: free-text allergies with brands, repeated lines, doses in text. */
const SUMMARY: Summary = {
  patient: {},
  authors: [],
  allergies: {
    status: 'entries',
    items: [
      allergyItem('a1', 'Allergie AUGMENTIN (urticaire)'),
      allergyItem('a2', 'intolérance Kardégic'),
      allergyItem('a3', 'sulfamides'),
      allergyItem('a4', "allergie à l'antibiotique donné en 2019"),
      allergyItem('a5', 'Penicilina'),
      allergyItem('a6', 'Allergie RHINADVIL'),
    ],
  },
  medications: {
    status: 'entries',
    items: [
      'PREVISCAN 20 mg, 1/2 cp le soir',
      'KARDEGIC 75 mg sachet',
      'KARDEGIC 75 mg sachet',
      'KARDEGIC 75 mg sachet',
      'KARDEGIC 75 mg sachet',
      'Méthotrexate 15 mg par semaine',
      'Metformin 1000 mg',
      'atorvastatin',
      'amlodipine',
      'Zyloric 100 mg',
    ].map((t, i) => ({
      id: `m${i}`,
      medication: concept(t),
      ingredients: [],
      status: 'active',
      source: 'MedicationStatement' as const,
    })),
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
    // Amoxicillin (DataMatrix), Advil, Zeclar, Imurel, Daktarin gel buccal.
    const scans = [
      `]d2010340093158753817281231` + '10LOT42\u001d21SER1',
      '010340093295935817281231' + '10A121B2',
      '3400933403119',
      '3400936414907',
      '3400932680689',
    ];
    const run = (summary: Summary): void => {
      const boxes = scans.map((s, j) => {
        const p = parseScan(s);
        if (!p.ok) throw new Error('bench scan');
        return { id: `b${j}`, source: 'scan' as const, scan: p.value };
      });
      crossCheck(summary, boxes, knowledge, { now: new Date(), language: 'fr' });
    };
    // The first check reads the record (brands, doses) for the first time.
    const t1 = performance.now();
    run(SUMMARY);
    const firstCheck = performance.now() - t1;
    // Later scans: the session keeps the same summary, whose entries are read once.
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      run(SUMMARY);
      times.push(performance.now() - t);
    }
    // A record never seen before at every run (the worst case).
    const fresh: number[] = [];
    for (let i = 0; i < 30; i++) {
      const copy = structuredClone(SUMMARY);
      const t = performance.now();
      run(copy);
      fresh.push(performance.now() - t);
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
        budget: '< 50 ms p95',
        note: `5 boxes, 10 medications, 6 free-text allergies, ${INTERACTIONS.length}-row table; pure part, 100 runs`,
      },
      {
        name: 'crosscheck.scan_to_result.fresh_record.p95',
        value: percentile(fresh, 95),
        unit: 'ms',
        budget: '< 50 ms p95',
        note: 'same, with a record read for the first time at every run (30 runs)',
      },
      {
        name: 'crosscheck.scan_to_result.first',
        value: firstCheck,
        unit: 'ms',
        note: 'first check of the process',
      },
    ];
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
