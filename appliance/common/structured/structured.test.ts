import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.ts';
import { authoredLanguageMark } from './authored-language.ts';
import { CONCEPT_TABLE, conceptAid, conceptWords, IPS_ABSENT_UNKNOWN, SNOMED } from './concepts.ts';
import type { DosageStructure, TimingStructure } from './dosage-types.ts';
import { dosageLines, formatDosage } from './format-dosage.ts';
import { ROUTE_TABLE, routeWords } from './routes.ts';
import { STATUS_CODES, statusWords, VERIFICATION_CODES, verificationWords } from './status-words.ts';

const timing = (t: Partial<TimingStructure>): TimingStructure => ({
  when: [],
  timeOfDay: [],
  dayOfWeek: [],
  ...t,
});
const tablets = (value: number): DosageStructure['dose'] => ({
  kind: 'quantity',
  quantity: { value, unit: 'tablet', ucum: '1' },
});

describe('dose and timing in the reader’s language, from structure', () => {
  const twoTabletsThreeTimesADay: DosageStructure = {
    dose: tablets(2),
    timing: timing({ frequency: 3, period: 1, periodUnit: 'd' }),
  };
  it.each([
    ['fr', '2 comprimés, 3 fois par jour'],
    ['en', '2 tablets, 3 times per day'],
    ['de', '2 Tabletten, 3-mal pro Tag'],
    ['es', '2 comprimidos, 3 veces al día'],
    ['it', '2 compresse, 3 volte al giorno'],
  ] as const)('%s: %s', (language, expected) => {
    expect(formatDosage(twoTabletsThreeTimesADay, language)).toBe(expected);
  });

  it('periods, ranges, decimals, event timings, days and as-needed', () => {
    const d: DosageStructure = {
      dose: { kind: 'quantity', quantity: { value: 0.5, ucum: 'mg', unit: 'mg' } },
      timing: timing({ period: 8, periodUnit: 'h', when: ['ACM'], dayOfWeek: ['mon'] }),
      asNeeded: { reason: 'Schmerzen' },
    };
    expect(formatDosage(d, 'fr')).toBe(
      '0,5 mg, toutes les 8 heures avant le petit-déjeuner le lundi, si besoin : Schmerzen',
    );
    expect(formatDosage(d, 'de')).toBe(
      '0,5 mg, alle 8 Stunden vor dem Frühstück am Montag, bei Bedarf: Schmerzen',
    );
    expect(formatDosage(d, 'en')).toBe(
      '0.5 mg, every 8 hours before breakfast on Monday, as needed for Schmerzen',
    );
    const range: DosageStructure = {
      dose: { kind: 'range', low: { value: 1, unit: 'tablet' }, high: { value: 2, unit: 'tablet' } },
      timing: timing({ frequency: 1, frequencyMax: 2, periodUnit: 'd' }),
    };
    expect(formatDosage(range, 'es')).toBe('1 comprimido a 2 comprimidos, 1-2 veces al día');
    expect(formatDosage(range, 'it')).toBe('da 1 compressa a 2 compresse, 1-2 volte al giorno');
  });

  it('a v3 GTS code (BID) is said in words; an unknown unit is kept as authored', () => {
    const bid: DosageStructure = {
      dose: { kind: 'quantity', quantity: { value: 4, unit: 'Stück' } },
      timing: timing({
        code: { code: 'BID', system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation' },
      }),
    };
    expect(formatDosage(bid, 'fr')).toBe('4 Stück, 2 fois par jour');
  });

  it.each([
    [
      'fr',
      'une fois',
      'une fois (codé aussi « 1 fois par jour » : à vérifier)',
      '2 comprimés, 3 fois par jour, 10 fois au total',
      '4 fois au total',
    ],
    [
      'en',
      'once',
      'once (also coded "once per day": check)',
      '2 tablets, 3 times per day, 10 times in total',
      '4 times in total',
    ],
    [
      'de',
      'einmalig',
      'einmalig (auch kodiert »1-mal pro Tag«: prüfen)',
      '2 Tabletten, 3-mal pro Tag, insgesamt 10-mal',
      'insgesamt 4-mal',
    ],
    [
      'es',
      'una vez',
      'una vez (codificado también «1 vez al día»: verificar)',
      '2 comprimidos, 3 veces al día, 10 veces en total',
      '4 veces en total',
    ],
    [
      'it',
      'una volta',
      'una volta (codificato anche «1 volta al giorno»: verificare)',
      '2 compresse, 3 volte al giorno, 10 volte in totale',
      '4 volte in totale',
    ],
  ] as const)(
    'HZ-18 %s: Timing.repeat.count is the total number of doses; count 1 beside a rate shows both readings',
    (language, once, onceWithRate, bounded, total) => {
      // The IPS IG's own example: count 1 with periodUnit d and no frequency or period. FHIR R4
      // reads it as a single dose, its authors meant once a day: neither reading is hidden.
      expect(
        formatDosage({ dose: tablets(1), timing: timing({ count: 1, periodUnit: 'd' }) }, language),
      ).toBe(`${formatDosage({ dose: tablets(1) }, language) ?? ''}, ${onceWithRate}`);
      expect(formatDosage({ timing: timing({ count: 1 }) }, language)).toBe(once);
      expect(
        formatDosage(
          { dose: tablets(2), timing: timing({ count: 10, frequency: 3, period: 1, periodUnit: 'd' }) },
          language,
        ),
      ).toBe(bounded);
      expect(formatDosage({ timing: timing({ count: 4 }) }, language)).toBe(total);
    },
  );

  it('HZ-03 the authored text is kept beside the reader’s words, never dropped', () => {
    const lines = dosageLines(
      [{ ...twoTabletsThreeTimesADay, text: '3 maal per dag 1 tablet.' }, { text: 'zo nodig' }, {}],
      'de',
    );
    expect(lines).toEqual([
      { words: '2 Tabletten, 3-mal pro Tag', authored: '3 maal per dag 1 tablet.' },
      { authored: 'zo nodig' },
    ]);
  });
});

describe('codes in the reader’s words', () => {
  it('routes by EDQM code and by the EMA SPOR RMS id ELGA uses', () => {
    expect(routeWords([{ system: 'http://standardterms.edqm.eu', code: '20053000' }], 'es')).toBe('vía oral');
    expect(routeWords([{ system: 'urn:oid:1.2.40.0.10.1.4.3.4.3.4', code: '100000073619' }], 'fr')).toBe(
      'voie orale',
    );
    expect(routeWords([{ system: 'urn:oid:2.16.840.1.113883.2.4.4.9', code: '9' }], 'fr')).toBeUndefined();
  });

  it('statuses and verification; unknown codes shown as the code', () => {
    expect(statusWords('on-hold', 'de')).toBe('pausiert');
    expect(statusWords('resolved', 'it')).toBe('risolto');
    expect(verificationWords('unconfirmed', 'fr')).toBe('non confirmée');
    expect(statusWords('weird-code', 'fr')).toBe('weird-code');
  });

  it('a coded concept’s name beside the authored text, only when it says something new', () => {
    const penicillin = [{ system: SNOMED, code: '373270004' }];
    expect(conceptAid('Medikamentenunverträglichkeit: Penicillin', penicillin, 'fr')).toBe('pénicillines');
    expect(conceptAid('Penicilline', penicillin, 'de')).toBeUndefined();
    expect(conceptWords([{ system: IPS_ABSENT_UNKNOWN, code: 'no-known-allergies' }], 'it')).toBe(
      'nessuna allergia nota',
    );
    expect(conceptWords([{ system: 'http://loinc.org', code: '373270004' }], 'fr')).toBeUndefined();
  });

  it('HZ-18 authored text is marked with the record’s language when it is not the reader’s', () => {
    expect(authoredLanguageMark('de-AT', 'fr')).toBe('DE');
    expect(authoredLanguageMark('de-AT', 'de')).toBeUndefined();
    expect(authoredLanguageMark('en-GB', 'en')).toBeUndefined();
    expect(authoredLanguageMark(undefined, 'fr')).toBeUndefined();
  });

  it('HZ-19 every row of every table names the concept in all five languages', () => {
    const rows = [
      ...ROUTE_TABLE.map((r) => r.words),
      ...Object.values(CONCEPT_TABLE.snomed),
      ...Object.values(CONCEPT_TABLE.ips),
    ];
    for (const words of rows) for (const l of LANGUAGES) expect(words[l].trim().length).toBeGreaterThan(2);
    // Nothing left in English: a status in another language is not the English word.
    for (const l of LANGUAGES.filter((x) => x !== 'en')) {
      for (const code of STATUS_CODES) expect(statusWords(code, l)).not.toBe(statusWords(code, 'en'));
      for (const code of VERIFICATION_CODES)
        expect(verificationWords(code, l)).not.toBe(verificationWords(code, 'en'));
    }
  });
});
