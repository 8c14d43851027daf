/**
 * Issue 18: records written the way French records are written — free-text allergies with the
 * brand anywhere, other languages, class words, ambiguous or unrecognised texts, the same line
 * repeated — each with the finding a pharmacist expects, at the right level, once.
 */
import { describe, expect, it } from 'vitest';
import { normaliseWords } from '../../../appliance/crosscheck/normalise.ts';
import { check, FR, lines, useKnowledge } from './harness.ts';
import { allergy, concept, medication, summaryOf } from './records.ts';

useKnowledge();

const allergic = (text: string, extra: Parameters<typeof allergy>[2] = {}) =>
  summaryOf({ allergies: [allergy('a1', concept(text), extra)], medications: [] });

describe('free-text allergies as written', () => {
  it('HZ-08 "Allergie AUGMENTIN (urticaire)" and "Augmentin : urticaire" both make amoxicillin red, once', () => {
    for (const text of [
      'Allergie AUGMENTIN (urticaire)',
      'Augmentin : urticaire',
      'ATCD allergie à l’augmentin',
    ]) {
      const r = check(allergic(text), [FR.clamoxyl]);
      expect({ text, got: lines(r), status: r.boxes[0]?.status }).toEqual({
        text,
        got: ['allergy:high'],
        status: 'red',
      });
    }
  });

  it('HZ-08 "intolérance Kardégic" raises the NSAID cross-intolerance for Advil', () => {
    const r = check(allergic('intolérance Kardégic', { type: 'intolerance' }), [FR.advil]);
    expect(lines(r)).toEqual(['allergy:moderate']);
    expect(r.findings[0]?.reason).toContain('intolérance Kardégic');
  });

  it('HZ-08 other languages, plurals and class words', () => {
    const cases: [string, string, string][] = [
      ['Penicilina', FR.clamoxyl, 'allergy:high'], // es
      ['Allergia alla penicillina', FR.clamoxyl, 'allergy:high'], // it
      ['Amoxicillin-Allergie', FR.clamoxyl, 'allergy:high'], // de
      ['allergie aux pénicillines', FR.clamoxyl, 'allergy:high'],
      ['bêta-lactamines', FR.clamoxyl, 'allergy:high'],
      ['AINS (œdème de Quincke)', FR.nurofen, 'allergy:high'],
      ['sulfamides', FR.bactrim, 'allergy:high'],
      ['Ibuprofeno', FR.advil, 'allergy:high'], // es
    ];
    for (const [text, box, expected] of cases) {
      expect({ text, got: lines(check(allergic(text), [box])) }).toEqual({ text, got: [expected] });
    }
  });

  it('HZ-08 a brand naming products of different composition is amber "to verify", naming the word', () => {
    // RHINADVIL names an ibuprofen + pseudoephedrine tablet and a tixocortol + chlorhexidine spray.
    const r = check(allergic('Allergie RHINADVIL'), [FR.advil]);
    expect(lines(r)).toEqual(['unverified:moderate']);
    expect(r.boxes[0]?.status).toBe('amber');
    expect(r.findings[0]?.reason).toContain('« rhinadvil »');
  });

  it('HZ-08 a drug allergy naming no drug the checks know is "to verify" on every box, never a silent pass', () => {
    const r = check(allergic("allergie à l'antibiotique donné en 2019"), [FR.doliprane, FR.clamoxyl]);
    expect(r.boxes.map((b) => b.status)).toEqual(['amber', 'amber']);
    expect(r.findings.map((f) => f.kind)).toEqual(['unverified', 'unverified']);
    expect(r.boxes[0]?.checked).toContain('allergies (1, dont 1 non reconnue(s))');
  });

  it('HZ-09 form words and non-drug allergies do not raise findings', () => {
    const pollen = summaryOf({
      allergies: [allergy('a', concept('pollen de graminées'), { categories: ['environment'] })],
      medications: [medication('m', concept('Daktarin gel buccal'))],
    });
    expect(lines(check(pollen, [FR.doliprane]))).toEqual([]);
    expect(lines(check(allergic('Allergie AUGMENTIN (urticaire)'), [FR.doliprane]))).toEqual([]);
    expect(lines(check(allergic('intolérance Kardégic'), [FR.doliprane]))).toEqual([]);
  });
});

describe('one line per problem', () => {
  const kardegic4 = summaryOf({
    allergies: [],
    medications: [1, 2, 3, 4].map((i) => medication(`m${i}`, concept('KARDEGIC 75 mg, poudre en sachet'))),
  });

  it('HZ-08 a medication listed four times is one duplicate finding that says so', () => {
    const r = check(kardegic4, [FR.kardegic75]);
    expect(lines(r)).toEqual(['duplicate:moderate']);
    expect(r.findings[0]?.count).toBe(4);
    expect(r.findings[0]?.reason).toContain('KARDEGIC 75 mg, poudre en sachet (inscrit 4 fois)');
    expect(check(kardegic4, [FR.kardegic75], 'en').findings[0]?.reason).toContain('(listed 4 times)');
  });

  it('HZ-08 and one interaction line for one thesaurus entry, whatever the repetitions', () => {
    const r = check(kardegic4, [FR.nurofen]);
    expect(lines(r)).toEqual(['interaction:low:a-prendre-en-compte']);
    expect(r.findings[0]?.count).toBe(4);
  });

  it('HZ-08 the same allergy recorded twice is one finding', () => {
    const twice = summaryOf({
      allergies: [allergy('a1', concept('Pénicilline')), allergy('a2', concept('pénicilline'))],
    });
    expect(lines(check(twice, [FR.clamoxyl]))).toEqual(['allergy:high']);
  });
});

describe('say what was checked', () => {
  it('HZ-08 a box without finding says what it was compared with, never a bare green', () => {
    const onPreviscan = summaryOf({
      allergies: [allergy('a', concept('pénicilline'))],
      medications: [medication('m', concept('Previscan 20 mg'))],
    });
    const r = check(onPreviscan, [FR.doliprane]);
    expect(r.boxes[0]?.status).toBe('green');
    expect(r.boxes[0]?.checked).toMatch(
      /^Aucune alerte parmi : allergies \(1\), doublons \(1 traitement\(s\) en cours, 0 autre\(s\) boîte\(s\)\), interactions \(table de \d+ paires, thésaurus ANSM, édition octobre 2020/,
    );
    expect(check(onPreviscan, [FR.doliprane], 'en').boxes[0]?.checked).toMatch(
      /^No alert among: allergies \(1\)/,
    );
    expect(r.scope.interactionRows).toBeGreaterThanOrEqual(60);
  });

  it('HZ-08 an unrecognised medication is counted as such', () => {
    const r = check(summaryOf({ medications: [medication('m', concept('le petit cachet bleu'))] }), [
      FR.doliprane,
    ]);
    expect(r.scope.medicationsUnrecognised).toBe(1);
    expect(r.boxes[0]?.checked).toContain('dont 1 non reconnu(s)');
  });
});

describe('text reading is linear in the length of the text', () => {
  it('HZ-08 60 000 "e" then "x" are read at once (was 6.5 s with /e+$/)', () => {
    const words = normaliseWords(`${'e'.repeat(60_000)}x ${'e'.repeat(60_000)}`);
    expect(words.map((w) => w.length)).toEqual([60_001, 3]);
  });
});
