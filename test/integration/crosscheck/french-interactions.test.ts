/**
 * Issue 18: dose-aware grading, duplicates by class and the dangerous pairs, on French
 * prescriptions and records, each at the level of the ANSM thesaurus (edition October 2020).
 */
import { describe, expect, it } from 'vitest';
import { check, FR, lines, useKnowledge } from './harness.ts';
import { concept, medication, summaryOf } from './records.ts';

useKnowledge();

const on = (...texts: string[]) =>
  summaryOf({ allergies: [], medications: texts.map((t, i) => medication(`m${i}`, concept(t))) });
const empty = summaryOf({ allergies: [], medications: [] });

describe('aspirin and methotrexate graded by dose', () => {
  it('HZ-08 Kardégic 75 mg with an anticoagulant is "à prendre en compte"; aspirin 500 mg is a contraindication', () => {
    expect(lines(check(on('Previscan 20 mg, 1/2 cp le soir'), [FR.kardegic75]))).toEqual([
      'interaction:low:a-prendre-en-compte',
    ]);
    const r = check(on('Previscan 20 mg'), [FR.aspirineUpsa500]);
    expect(lines(r)).toEqual(['interaction:high:contre-indication']);
    expect(r.findings[0]?.reason).toContain('aspirine 500 mg : dose antalgique ou anti-inflammatoire');
    // The record's dose counts too: Kardégic written in the record, an anticoagulant scanned.
    expect(lines(check(on('KARDEGIC 75 mg sachet'), [FR.xarelto]))).toEqual([
      'interaction:low:a-prendre-en-compte',
    ]);
    expect(lines(check(on('Aspirine 1 g x 3/j'), [FR.xarelto]))).toEqual([
      'interaction:high:contre-indication',
    ]);
  });

  it('HZ-08 methotrexate above 20 mg a week with aspirin is a contraindication; at most 20 mg, a precaution', () => {
    expect(lines(check(on('Méthotrexate 25 mg par semaine'), [FR.aspirineUpsa500]))).toEqual([
      'interaction:high:contre-indication',
    ]);
    expect(lines(check(on('Méthotrexate 10 mg par semaine'), [FR.aspirineUpsa500]))).toEqual([
      'interaction:moderate:precaution-emploi',
    ]);
    // Metoject 25 mg is one weekly injection: > 20 mg; with antiplatelet aspirin, a precaution.
    expect(lines(check(on('Kardégic 75 mg'), [FR.metoject25]))).toEqual([
      'interaction:moderate:precaution-emploi',
    ]);
    // Tablets say nothing of the week: the worst level, and the reason says the dose is unknown.
    const r = check(empty, [FR.aspirineUpsa500, FR.novatrex]);
    expect(lines(r)).toEqual(['interaction:high:contre-indication']);
    expect(r.findings[0]?.reason).toContain(
      'dose hebdomadaire de méthotrexate inconnue, niveau le plus sévère retenu',
    );
  });

  it('HZ-08 methotrexate with an NSAID: déconseillée above 20 mg a week, precaution at most 20 mg', () => {
    expect(lines(check(on('Metoject 25 mg/semaine'), [FR.advil]))).toEqual([
      'interaction:high:association-deconseillee',
    ]);
    expect(lines(check(on('Méthotrexate 15 mg une fois par semaine'), [FR.advil]))).toEqual([
      'interaction:moderate:precaution-emploi',
    ]);
  });

  it('HZ-08 methotrexate with Bactrim: trimethoprim is a contraindication (and the sulfonamide a precaution)', () => {
    const r = check(on('NOVATREX 2,5 mg'), [FR.bactrim]);
    expect(lines(r)).toEqual([
      'interaction:high:contre-indication',
      'interaction:moderate:precaution-emploi',
    ]);
    expect(r.findings[0]?.reason).toContain('METHOTREXATE + TRIMETHOPRIME');
  });
});

describe('duplicates by class and the dangerous pairs', () => {
  it('HZ-08 a record on fluindione: a second anticoagulant, oral miconazole', () => {
    const r = check(on('PREVISCAN 20 mg'), [FR.xarelto]);
    expect(lines(r)).toEqual(['duplicate:high']);
    expect(r.findings[0]?.reason).toContain('même classe : anticoagulants oraux');
    const gel = check(on('PREVISCAN 20 mg'), [FR.daktarinGel]);
    expect(lines(gel)).toEqual(['interaction:high:contre-indication']);
    expect(gel.findings[0]?.reason).toContain('ANTIVITAMINES K + MICONAZOLE');
    expect(gel.boxes[0]?.status).toBe('red');
  });

  it('HZ-08 Zyloric with Imurel is a contraindication (antipurines + xanthine oxidase inhibitors)', () => {
    const r = check(on('Zyloric 100 mg'), [FR.imurel]);
    expect(lines(r)).toEqual(['interaction:high:contre-indication']);
    expect(r.findings[0]?.reason).toContain(
      'ANTIPURINES (azathioprine, mercaptopurine) + INHIBITEURS DE LA XANTHINE OXYDASE',
    );
    expect(r.findings[0]?.reason).not.toContain('non encore vérifiée');
  });

  it('HZ-08 a row not yet checked against the edition says so in its finding', () => {
    const r = check(on('Imigrane 50 mg'), [FR.marsilid]);
    expect(lines(r)).toEqual(['interaction:high:contre-indication']);
    expect(r.findings[0]?.reason).toContain("ligne non encore vérifiée sur l'édition citée");
  });

  it('HZ-08 lithium, ACE inhibitor / ARB with potassium-sparing diuretic or potassium, statins, PPIs', () => {
    const pairs: [string, string, string][] = [
      [FR.teralithe, FR.coversyl, 'interaction:high:association-deconseillee'],
      [FR.teralithe, FR.advil, 'interaction:high:association-deconseillee'],
      [FR.teralithe, FR.esidrex, 'interaction:high:association-deconseillee'],
      [FR.viagra, FR.natispray, 'interaction:high:contre-indication'],
      [FR.aldactone, FR.coversyl, 'interaction:high:association-deconseillee'],
      [FR.cozaar, FR.diffuk, 'interaction:high:association-deconseillee'],
      // Potassium-sparing diuretic + potassium: déconseillée in the October 2020 edition (not CI).
      [FR.aldactone, FR.diffuk, 'interaction:high:association-deconseillee'],
      [FR.zocor, FR.lipur, 'interaction:high:contre-indication'],
      [FR.tahor, FR.lipur, 'interaction:high:association-deconseillee'],
      [FR.clamoxyl, FR.novatrex, 'interaction:high:association-deconseillee'],
      [FR.methadone, FR.citalopram, 'interaction:high:contre-indication'],
      [FR.citalopram, FR.atarax, 'interaction:high:contre-indication'],
      [FR.cordarone, FR.sotalol, 'interaction:high:contre-indication'],
      [FR.cordarone, FR.haldol, 'interaction:high:association-deconseillee'],
      [FR.procoralan, FR.tildiem, 'interaction:high:contre-indication'],
      [FR.coversyl, FR.entresto, 'interaction:high:contre-indication'],
      [FR.previscan, FR.nurofen, 'interaction:high:association-deconseillee'],
      [FR.mopral, FR.inexium, 'duplicate:moderate'],
      [FR.zocor, FR.tahor, 'duplicate:moderate'],
    ];
    for (const [a, b, expected] of pairs) {
      expect({ a, b, got: lines(check(empty, [a, b])) }).toEqual({ a, b, got: [expected] });
    }
  });

  it('HZ-09 unrelated pairs stay clear', () => {
    for (const [a, b] of [
      [FR.previscan, FR.doliprane],
      [FR.coversyl, FR.zocor],
      [FR.teralithe, FR.doliprane],
      [FR.imurel, FR.doliprane],
    ] as const) {
      expect({ a, b, got: lines(check(empty, [a, b])) }).toEqual({ a, b, got: [] });
    }
  });
});
