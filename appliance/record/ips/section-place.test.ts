import { describe, expect, it } from 'vitest';
import { placeSection, readTitle } from './section-place.ts';
import type { Category } from './sections.ts';

/** Section titles as exporters write them, per language, and the category each names. */
const TITLES: readonly (readonly [string, Category])[] = [
  // en
  ['Allergies and Intolerances', 'allergies'],
  ['Medication Summary', 'medications'],
  ['Active Problems', 'problems'],
  ['History of Past Illness', 'pastIllnesses'],
  ['Medical Devices', 'devices'],
  ['Advance Directives', 'advanceDirectives'],
  ['Alerts', 'alerts'],
  ['Immunizations', 'immunizations'],
  ['History of Procedures', 'procedures'],
  ['Vital Signs', 'vitalSigns'],
  ['Results', 'results'],
  ['Drug allergies', 'allergies'],
  // fr
  ['Allergies et intolérances', 'allergies'],
  ['Traitements en cours', 'medications'],
  ['Liste des problèmes', 'problems'],
  ['Antécédents médicaux', 'pastIllnesses'],
  ['Antécédents chirurgicaux', 'procedures'],
  ['Dispositifs médicaux implantés', 'devices'],
  ['Directives anticipées', 'advanceDirectives'],
  ['Alertes', 'alerts'],
  ['Vaccinations', 'immunizations'],
  ['Signes vitaux', 'vitalSigns'],
  ['Résultats', 'results'],
  // de
  ['Allergien und Unverträglichkeiten', 'allergies'],
  ['Medikation', 'medications'],
  ['Problemliste', 'problems'],
  ['Frühere Erkrankungen', 'pastIllnesses'],
  ['Medizinprodukte und Implantate', 'devices'],
  ['Patientenverfügung', 'advanceDirectives'],
  ['Warnhinweise', 'alerts'],
  ['Impfungen', 'immunizations'],
  ['Eingriffe', 'procedures'],
  ['Vitalparameter', 'vitalSigns'],
  ['Befunde', 'results'],
  // es
  ['Alergias e intolerancias', 'allergies'],
  ['Resumen de medicación', 'medications'],
  ['Lista de problemas', 'problems'],
  ['Antecedentes de enfermedades', 'pastIllnesses'],
  ['Dispositivos médicos', 'devices'],
  ['Instrucciones previas', 'advanceDirectives'],
  ['Alertas', 'alerts'],
  ['Vacunas', 'immunizations'],
  ['Procedimientos', 'procedures'],
  ['Signos vitales', 'vitalSigns'],
  ['Resultados', 'results'],
  // it
  ['Allergie e intolleranze', 'allergies'],
  ['Terapia farmacologica', 'medications'],
  ['Lista dei problemi', 'problems'],
  ['Anamnesi patologica remota', 'pastIllnesses'],
  ['Dispositivi medici', 'devices'],
  ['Disposizioni anticipate di trattamento', 'advanceDirectives'],
  ['Allerte', 'alerts'],
  ['Vaccinazioni', 'immunizations'],
  ['Interventi chirurgici', 'procedures'],
  ['Parametri vitali', 'vitalSigns'],
  ['Risultati', 'results'],
];

describe('section titles in fr, en, de, es, it', () => {
  for (const [title, category] of TITLES) {
    it(`HZ-02 "${title}" names ${category}`, () => {
      expect(readTitle(title)).toEqual({ kind: 'category', category });
    });
  }

  it('titles of sections the summary has no place for are read as such, not as a category', () => {
    for (const title of [
      'Plan of Care',
      'Plan de soins',
      'Social History',
      'Antécédents familiaux',
      'Functional status',
      'Schwangerschaft',
    ]) {
      expect(readTitle(title)).toEqual({ kind: 'other' });
    }
    expect(readTitle('Notes')).toEqual({ kind: 'none' });
    expect(readTitle(undefined)).toEqual({ kind: 'none' });
  });
});

describe('placeSection', () => {
  const uncoded = (title?: string): unknown => (title === undefined ? {} : { title });

  it('a recognised code wins over title and entries', () => {
    const section = { title: 'Alerts', code: { coding: [{ code: '11450-4' }] } };
    expect(placeSection(section, ['AllergyIntolerance'])).toBe('problems');
  });

  it('a known IPS section without a place (plan of care) stays other, whatever it holds', () => {
    const section = { title: 'Problems to follow', code: { coding: [{ code: '18776-5' }] } };
    expect(placeSection(section, ['Condition'])).toBeUndefined();
  });

  it('HZ-02 without a code: entries decide, the title choosing among the places a type may have', () => {
    expect(placeSection(uncoded(), ['Condition'])).toBe('problems');
    expect(placeSection(uncoded('Past medical history'), ['Condition'])).toBe('pastIllnesses');
    expect(placeSection(uncoded('Allergies'), ['Condition'])).toBe('allergies');
    expect(placeSection(uncoded('Medication'), ['Condition'])).toBe('problems');
    expect(placeSection(uncoded(), ['Observation'])).toBeUndefined();
    expect(placeSection(uncoded('Signes vitaux'), ['Observation'])).toBe('vitalSigns');
  });

  it('mixed entries: the most common place, the title breaking a tie', () => {
    expect(placeSection(uncoded(), ['Condition', 'AllergyIntolerance', 'AllergyIntolerance'])).toBe(
      'allergies',
    );
    expect(placeSection(uncoded('Allergies'), ['AllergyIntolerance', 'Observation', 'Condition'])).toBe(
      'allergies',
    );
  });

  it('an unknown code is read by its entries, then by its title, then by its code text', () => {
    const local = (extra: object): unknown => ({
      code: { coding: [{ system: 'urn:local', code: 'X1' }] },
      ...extra,
    });
    expect(placeSection(local({ title: 'Notes' }), ['MedicationStatement'])).toBe('medications');
    expect(placeSection(local({ title: 'Problèmes' }), [])).toBe('problems');
    expect(placeSection({ code: { text: 'Allergien' } }, [])).toBe('allergies');
    expect(placeSection(local({ title: 'Notes' }), ['Basic'])).toBeUndefined();
  });
});
