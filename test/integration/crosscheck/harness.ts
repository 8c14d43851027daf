/**
 * Shared set-up for the cross-check tests on realistic French records: the shipped BDPM release
 * (June 2022) loaded once per file, real boxes by CIP13, and a check() on scanned codes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadDrugKnowledge } from '../../../appliance/crosscheck/bdpm/load.ts';
import { crossCheck } from '../../../appliance/crosscheck/checks/crosscheck.ts';
import type { CrossCheckResult, Finding } from '../../../appliance/crosscheck/checks/types.ts';
import { parseScan } from '../../../appliance/crosscheck/gs1/parse.ts';
import type { DrugKnowledge } from '../../../appliance/crosscheck/knowledge.ts';
import type { Summary } from '../../../appliance/record/summary/types.ts';

/** Real boxes of the shipped BDPM release (CIP13). */
export const FR = {
  clamoxyl: '3400931587538', // CLAMOXYL 500 mg, gélule (amoxicilline)
  advil: '3400932959358', // ADVIL 200 mg (ibuprofène)
  nurofen: '3400933964351', // NUROFEN 200 mg (ibuprofène)
  kardegic75: '3400934744198', // KARDEGIC 75 mg, sachet (acide acétylsalicylique)
  aspirineUpsa500: '3400933515102', // ASPIRINE UPSA 500 mg, comprimé effervescent
  doliprane: '3400935955838', // DOLIPRANE 1000 mg
  previscan: '3400933484132', // PREVISCAN 20 mg (fluindione)
  xarelto: '3400921923056', // XARELTO 20 mg (rivaroxaban)
  daktarinGel: '3400932680689', // DAKTARIN 2 %, gel buccal (miconazole)
  zyloric: '3400931155546', // ZYLORIC 100 mg (allopurinol)
  imurel: '3400936414907', // IMUREL 50 mg (azathioprine)
  novatrex: '3400930067840', // NOVATREX 2,5 mg, comprimé (méthotrexate)
  metoject25: '3400926889920', // METOJECT 25 mg/0,5 ml, seringue (méthotrexate)
  bactrim: '3400932197040', // BACTRIM FORTE (sulfaméthoxazole + triméthoprime)
  teralithe: '3400931376330', // TERALITHE 250 mg (carbonate de lithium)
  coversyl: '3400936659582', // COVERSYL 5 mg (périndopril)
  aldactone: '3400934466304', // ALDACTONE 25 mg (spironolactone)
  cozaar: '3400935849588', // COZAAR 100 mg (losartan)
  diffuk: '3400932905997', // DIFFU-K 600 mg (chlorure de potassium)
  zocor: '3400936766891', // ZOCOR 20 mg (simvastatine)
  lipur: '3400932606351', // LIPUR 450 mg (gemfibrozil)
  tahor: '3400949000760', // TAHOR 10 mg (atorvastatine)
  mopral: '3400934081095', // MOPRAL 20 mg (oméprazole)
  inexium: '3400935533203', // INEXIUM 20 mg (ésoméprazole)
  citalopram: '3400936477131', // CITALOPRAM ALMUS 20 mg
  methadone: '3400937914628', // METHADONE AP-HP 1 mg, gélule
  atarax: '3400930081372', // ATARAX 25 mg (hydroxyzine)
  haldol: '3400930471432', // HALDOL 1 mg (halopéridol)
  cordarone: '3400949000821', // CORDARONE 200 mg (amiodarone)
  sotalol: '3400936014961', // SOTALOL ARROW 160 mg
  procoralan: '3400937167628', // PROCORALAN 5 mg (ivabradine)
  tildiem: '3400955634980', // TILDIEM 100 mg (diltiazem)
  entresto: '3400930037904', // ENTRESTO 24 mg/26 mg (sacubitril + valsartan)
  esidrex: '3400937196543', // ESIDREX 25 mg (hydrochlorothiazide)
  viagra: '3400934842634', // VIAGRA 50 mg (sildénafil)
  natispray: '3400932936984', // NATISPRAY 0,15 mg (trinitrine)
  marsilid: '3400936882508', // MARSILID 50 mg (iproniazide)
} as const;

export const NOW = new Date(2026, 5, 15, 12, 0);
let knowledge: DrugKnowledge | undefined;
let cacheDir = '';

/** Loads the drug reference before the file's tests, removes its cache after. */
export function useKnowledge(): void {
  beforeAll(async () => {
    cacheDir = mkdtempSync(join(tmpdir(), 'baladeur-crosscheck-fr-'));
    const loaded = await loadDrugKnowledge({ cacheDir });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    knowledge = loaded.value.knowledge;
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
}

export function check(
  summary: Summary,
  codes: readonly string[],
  language: 'fr' | 'en' = 'fr',
): CrossCheckResult {
  if (knowledge === undefined) throw new Error('useKnowledge() first');
  const boxes = codes.map((code, i) => {
    const parsed = parseScan(code);
    if (!parsed.ok) throw new Error(`bad test code ${code}`);
    return { id: `b${i}`, source: 'scan' as const, scan: parsed.value };
  });
  return crossCheck(summary, boxes, knowledge, { now: NOW, language });
}

/** "kind:severity[:level]" of each finding of the last box: what a pharmacist sees, one line each. */
export function lines(r: CrossCheckResult): string[] {
  const last = r.boxes[r.boxes.length - 1];
  return (last?.findings ?? []).map(describe);
}

export function describe(f: Finding): string {
  return [f.kind, f.severity, ...(f.interaction !== undefined ? [f.interaction.level] : [])].join(':');
}
