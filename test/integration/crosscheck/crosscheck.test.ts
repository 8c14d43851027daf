import { ipsFixturesDir } from '../../../appliance/dev/fixtures.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDrugKnowledge } from '../../../appliance/crosscheck/bdpm/load.ts';
import { crossCheck } from '../../../appliance/crosscheck/checks/crosscheck.ts';
import type { BoxInput, CrossCheckResult } from '../../../appliance/crosscheck/checks/types.ts';
import { withCheckDigit } from '../../../appliance/crosscheck/gs1/check-digit.ts';
import { parseScan } from '../../../appliance/crosscheck/gs1/parse.ts';
import type { DrugKnowledge } from '../../../appliance/crosscheck/knowledge.ts';
import {
  BDPM_CIS_SYSTEM,
  LEGACY_BDPM_CIS_SYSTEM,
} from '../../../appliance/common/structured/bdpm-systems.ts';
import type { Summary } from '../../../appliance/record/summary/types.ts';
import { allergy, concept, medication, summaryFromBundle, summaryOf } from './records.ts';

// Real boxes from the shipped BDPM release (June 2022).
const BOX = {
  clamoxyl: '3400931587538', // CLAMOXYL 500 mg, gélule (amoxicilline, princeps of group 148)
  amoxBiogaran: '3400933857042', // AMOXICILLINE BIOGARAN 500 mg, gélule (generic, group 148)
  augmentin: '3400935337023', // AUGMENTIN 500 mg/62,5 mg (amoxicilline + acide clavulanique)
  coumadine: '3400930264546', // COUMADINE 2 mg (warfarine sodique)
  advil: '3400932959358', // ADVIL 200 mg (ibuprofène)
  kardegic: '3400934744198', // KARDEGIC 75 mg (acide acétylsalicylique)
  doliprane: '3400935955838', // DOLIPRANE 1000 mg (paracétamol)
  zocor: '3400936766891', // ZOCOR 20 mg (simvastatine)
  zeclar: '3400933403119', // ZECLAR 250 mg (clarithromycine)
  viagra: '3400934842634', // VIAGRA 50 mg (sildénafil)
  natispray: '3400932936984', // NATISPRAY 0,15 mg (trinitrine)
  aldactone: '3400934466304', // ALDACTONE 25 mg (spironolactone)
  diffuk: '3400932905997', // DIFFU-K 600 mg (chlorure de potassium)
  novatrex: '3400930067840', // NOVATREX 2,5 mg (méthotrexate)
  bactrim: '3400932197040', // BACTRIM FORTE (sulfaméthoxazole + triméthoprime)
  colchicine: '3400930040935', // COLCHICINE OPOCALCIUM 1 mg
  imigrane: '3400934737046', // IMIGRANE 50 mg (sumatriptan)
  eliquis: '3400926784102', // ELIQUIS 5 mg (apixaban)
  omnipaque: '3400932681051', // OMNIPAQUE 180 (iode / iohexol)
  metformin: '3400930118801', // METFORMINE BIOGARAN 1000 mg
} as const;

const NOW = new Date(2026, 5, 15, 12, 0);
let knowledge: DrugKnowledge;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'baladeur-crosscheck-'));
  const loaded = await loadDrugKnowledge({ cacheDir });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  knowledge = loaded.value.knowledge;
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function scan(id: string, code: string): BoxInput {
  const parsed = parseScan(code);
  if (!parsed.ok) throw new Error(`bad test code ${code}`);
  return { id, source: 'scan', scan: parsed.value };
}
const dm = (cip13: string, expiry = '281231'): string =>
  `]d201${'0' + cip13}17${expiry}10LOT42\u001d21SERIAL9`;

function check(summary: Summary, codes: string[], language: 'fr' | 'en' = 'en'): CrossCheckResult {
  return crossCheck(
    summary,
    codes.map((c, i) => scan(`b${i}`, c)),
    knowledge,
    { now: NOW, language },
  );
}
const kinds = (r: CrossCheckResult): string[] => r.findings.map((f) => `${f.boxId}:${f.kind}:${f.severity}`);

const penicillinAllergy = summaryOf({
  allergies: [
    allergy('a1', concept('pénicilline', [{ system: 'http://snomed.info/sct', code: '764146007' }]), {
      reactions: [{ manifestations: ['anaphylaxis'] }],
    }),
  ],
  medications: [],
});

describe('cross-check: allergies', () => {
  it('HZ-08 an amoxicillin box against a penicillin allergy is red, with the reason spelled out', () => {
    const r = check(penicillinAllergy, [dm(BOX.clamoxyl)]);
    expect(r.boxes[0]?.status).toBe('red');
    expect(r.findings[0]).toMatchObject({ kind: 'allergy', severity: 'high' });
    expect(r.findings[0]?.reason).toBe(
      'Amoxicilline anhydre — allergy recorded: pénicilline (class: penicillins), reaction: anaphylaxis, criticality high',
    );
    const fr = check(penicillinAllergy, [BOX.clamoxyl], 'fr');
    expect(fr.findings[0]?.reason).toContain('allergie enregistrée : pénicilline');
    expect(fr.notices[0]).toContain('ne remplace pas le jugement du pharmacien');
  });

  it('HZ-08 matches by name alone, in English, German and by brand, and through class rules', () => {
    const cases: [string, string, string][] = [
      ['amoxicillin', BOX.augmentin, 'high'],
      ['Medikamentenunverträglichkeit: Penicillin', BOX.amoxBiogaran, 'high'],
      ['Augmentin', BOX.clamoxyl, 'high'],
      ['AINS', BOX.advil, 'high'],
      ['aspirine', BOX.advil, 'moderate'],
      ['acetylsalicylic acid', BOX.kardegic, 'high'],
      ['produit de contraste iodé', BOX.omnipaque, 'high'],
      ['sulfamides', BOX.bactrim, 'high'],
      ['acetaminophen', BOX.doliprane, 'high'],
    ];
    for (const [text, box, severity] of cases) {
      const r = check(summaryOf({ allergies: [allergy('a', concept(text))] }), [box]);
      expect({ text, got: kinds(r) }).toEqual({ text, got: [`b0:allergy:${severity}`] });
    }
  });

  it('HZ-09 unrelated boxes raise no allergy finding; refuted and "no known allergy" entries are ignored', () => {
    for (const box of [BOX.doliprane, BOX.coumadine, BOX.zocor, BOX.metformin, BOX.diffuk]) {
      expect(kinds(check(penicillinAllergy, [box]))).toEqual([]);
    }
    const refuted = summaryOf({
      allergies: [allergy('a', concept('penicillin'), { verificationStatus: 'refuted' })],
    });
    expect(kinds(check(refuted, [BOX.clamoxyl]))).toEqual([]);
    const nka = summaryOf({
      allergies: [
        allergy('a', concept('No known allergy', [{ system: 'http://snomed.info/sct', code: '716186003' }])),
      ],
    });
    expect(kinds(check(nka, [BOX.clamoxyl, BOX.advil]))).toEqual([]);
    // Morphine sulfate is not a sulfonamide.
    const sulfate = summaryOf({ allergies: [allergy('a', concept('morphine sulfate'))] });
    expect(kinds(check(sulfate, [BOX.bactrim]))).toEqual([]);
  });

  it('HZ-08 a resolved allergy is still shown, at low severity', () => {
    const s = summaryOf({
      allergies: [allergy('a', concept('pénicilline'), { clinicalStatus: 'resolved' })],
    });
    expect(kinds(check(s, [BOX.clamoxyl]))).toEqual(['b0:allergy:low']);
  });
});

const onWarfarin = summaryOf({
  allergies: [],
  medications: [medication('m1', concept('COUMADINE 2 mg, comprimé sécable'))],
});

describe('cross-check: interactions', () => {
  it('HZ-08 an NSAID or aspirin box for a patient on an oral anticoagulant', () => {
    const r = check(onWarfarin, [BOX.advil]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      kind: 'interaction',
      severity: 'high',
      interaction: { level: 'association-deconseillee' },
    });
    expect(r.findings[0]?.reason).toContain('Ibuprofène + COUMADINE 2 mg');
    // Kardégic 75 mg is an antiplatelet dose: "à prendre en compte", not a contraindication.
    expect(check(onWarfarin, [BOX.kardegic]).findings[0]).toMatchObject({
      severity: 'low',
      interaction: { level: 'a-prendre-en-compte', rule: 'anticoagulant-aspirin' },
    });
  });

  it('HZ-08 the table rows fire between two scanned boxes too', () => {
    const pairs: [string, string, string][] = [
      [BOX.zocor, BOX.zeclar, 'simvastatin-cyp3a4'],
      [BOX.viagra, BOX.natispray, 'pde5-nitrate'],
      [BOX.aldactone, BOX.diffuk, 'potassium-sparing-potassium'],
      [BOX.novatrex, BOX.advil, 'methotrexate-nsaid'],
      [BOX.colchicine, BOX.zeclar, 'colchicine-macrolide'],
      [BOX.eliquis, BOX.advil, 'anticoagulant-nsaid'],
    ];
    for (const [a, b, rule] of pairs) {
      const r = check(summaryOf({ allergies: [], medications: [] }), [a, b]);
      expect({ rule, got: r.findings.map((f) => f.interaction?.rule) }).toEqual({ rule, got: [rule] });
      expect(r.findings[0]?.boxId).toBe('b1');
    }
  });

  it('HZ-09 no interaction for unrelated boxes, and a stopped medication is not current', () => {
    expect(kinds(check(onWarfarin, [BOX.doliprane, BOX.metformin]))).toEqual([]);
    const stopped = summaryOf({
      medications: [medication('m1', concept('COUMADINE 2 mg'), { status: 'stopped' })],
    });
    expect(kinds(check(stopped, [BOX.advil]))).toEqual([]);
  });
});

describe('cross-check: duplicates, expiry, unknown boxes', () => {
  it('HZ-08 a generic of the brand the patient takes is a duplicate, as are two boxes of one substance', () => {
    const onClamoxyl = summaryOf({ medications: [medication('m1', concept('CLAMOXYL 500 mg, gélule'))] });
    const r = check(onClamoxyl, [BOX.amoxBiogaran]);
    expect(kinds(r)).toEqual(['b0:duplicate:moderate']);
    expect(r.boxes[0]?.genericGroup).toMatchObject({ id: '148', role: 'generic' });
    expect(kinds(check(summaryOf({ medications: [] }), [BOX.clamoxyl, BOX.augmentin]))).toEqual([
      'b1:duplicate:moderate',
    ]);
    const coded = summaryOf({
      medications: [
        medication('m1', concept('Acetaminophen', [{ system: 'http://www.whocc.no/atc', code: 'N02BE01' }])),
      ],
    });
    expect(kinds(check(coded, [BOX.doliprane]))).toEqual(['b0:duplicate:moderate']);
  });

  it('HZ-08 a medication or allergy coded by its CIS (the kiosk writes them so) is read as that product, whatever its text says', () => {
    const cisOfBox = (cip13: string): string => {
      const cis = knowledge.findByCip13(cip13)?.cis;
      if (cis === undefined) throw new Error(`no CIS for ${cip13}`);
      return cis;
    };
    const byCis = (system: string, cip13: string) =>
      concept('traitement du matin', [{ system, code: cisOfBox(cip13) }]);
    for (const system of [BDPM_CIS_SYSTEM, LEGACY_BDPM_CIS_SYSTEM]) {
      const onCoumadine = summaryOf({ medications: [medication('m1', byCis(system, BOX.coumadine))] });
      expect(kinds(check(onCoumadine, [BOX.coumadine]))).toEqual(['b0:duplicate:moderate']);
      expect(kinds(check(onCoumadine, [BOX.doliprane]))).toEqual([]);
    }
    const allergic = summaryOf({ allergies: [allergy('a1', byCis(BDPM_CIS_SYSTEM, BOX.clamoxyl))] });
    expect(kinds(check(allergic, [BOX.amoxBiogaran]))).toEqual(['b0:allergy:high']);
    // An 8-digit code in another system is not a CIS.
    const other = concept('traitement du matin', [{ system: 'urn:example', code: cisOfBox(BOX.coumadine) }]);
    expect(kinds(check(summaryOf({ medications: [medication('m1', other)] }), [BOX.coumadine]))).toEqual([]);
  });

  it('HZ-09 a different substance is not a duplicate', () => {
    const onClamoxyl = summaryOf({ medications: [medication('m1', concept('CLAMOXYL 500 mg, gélule'))] });
    expect(kinds(check(onClamoxyl, [BOX.doliprane, BOX.metformin]))).toEqual([]);
  });

  it('HZ-08 an expired box is red; an unknown code is amber, never green', () => {
    const r = check(summaryOf({ allergies: [], medications: [] }), [dm(BOX.doliprane, '260500')]);
    expect(r.boxes[0]).toMatchObject({ expired: true, expiry: '2026-05-31', status: 'red', lot: 'LOT42' });
    const fresh = check(summaryOf({ allergies: [], medications: [] }), [dm(BOX.doliprane, '260600')]);
    expect(fresh.boxes[0]).toMatchObject({ expired: false, status: 'green' });
    const unknown = check(summaryOf({ allergies: [], medications: [] }), [withCheckDigit('340090000001')]);
    expect(unknown.boxes[0]).toMatchObject({ found: false, status: 'amber' });
  });

  it('HZ-08 says when the record has no allergy or medication section', () => {
    const r = check(summaryOf({}), [BOX.doliprane]);
    expect(r.notices.join('\n')).toContain('no allergy section');
    expect(r.notices.join('\n')).toContain('no medication section');
  });
});

describe('cross-check against the shared IPS fixtures', () => {
  const dir = ipsFixturesDir();
  const fixtures = Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [
        f.replace(/\.json$/, ''),
        summaryFromBundle(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
      ]),
  );

  it('HZ-08 penicillin allergy (SNOMED class code, German free text) flags amoxicillin', () => {
    for (const name of ['IPS_IG-bundle-01', 'IPS_IG_bundle-minimal', 'AT_ELGA_GmbH_01']) {
      const r = check(fixtures[name] as Summary, [BOX.clamoxyl]);
      expect({ name, got: r.findings.some((f) => f.kind === 'allergy' && f.severity === 'high') }).toEqual({
        name,
        got: true,
      });
    }
  });

  it('HZ-08 Dutch paracetamol allergy, American naproxen and aspirin medication', () => {
    expect(kinds(check(fixtures['NL_Curavista_01'] as Summary, [BOX.doliprane]))).toEqual([
      'b0:allergy:high',
    ]);
    expect(
      kinds(check(fixtures['US_ePatientDave_medRequest_with_Narrative'] as Summary, [BOX.advil])),
    ).toEqual(['b0:interaction:high']);
    const at = check(fixtures['AT_ELGA_GmbH_01'] as Summary, [BOX.kardegic]);
    expect(at.findings.map((f) => f.kind)).toContain('duplicate');
  });

  it('HZ-09 every fixture: an unrelated box raises nothing', () => {
    for (const [name, summary] of Object.entries(fixtures)) {
      expect({ name, got: kinds(check(summary as Summary, [BOX.omnipaque])) }).toEqual({ name, got: [] });
    }
  });
});

describe('cross-check on summaries made by the real summarize()', () => {
  it('HZ-08 HZ-09 gives the same findings as the test reader for every fixture', async () => {
    const { parseIpsBundle, summarize } = await import('../../../appliance/record/ips/index.ts');
    const dir = ipsFixturesDir();
    const boxes = [BOX.clamoxyl, BOX.advil, BOX.kardegic, BOX.doliprane, BOX.omnipaque];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const parsed = parseIpsBundle(json);
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
      const real = check(summarize(parsed.value), boxes);
      const ours = check(summaryFromBundle(json as Record<string, unknown>), boxes);
      // The real summary may list fewer repeated entries than this reader: compare distinct findings.
      const distinct = (r: CrossCheckResult): string[] => [...new Set(kinds(r))].sort();
      expect({ file, got: distinct(real) }).toEqual({ file, got: distinct(ours) });
    }
  });
});
