import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.ts';
import { markedText, textLanguageMark } from './authored-language.ts';
import { BLOOD_GROUP_TABLE, bloodGroupIn, bloodGroupOf, bloodGroupWords } from './blood-group.ts';
import {
  contactRelationshipWords,
  RELATIONSHIP_TABLE,
  relationshipWords,
  V2_CONTACT_ROLE,
  V3_ROLE_CODE,
} from './relationships.ts';

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';

describe('HZ-19 emergency-contact relationships in the reader’s language', () => {
  const mother = { text: 'MTH', codings: [{ system: V3_ROLE_CODE, code: 'MTH' }] };
  it.each([
    ['fr', 'mère'],
    ['en', 'mother'],
    ['de', 'Mutter'],
    ['es', 'madre'],
    ['it', 'madre'],
  ] as const)('%s: a v3 RoleCode without display reads %s (was English "Mother")', (language, words) => {
    expect(relationshipWords(mother, language)).toBe(words);
  });

  it('a v2-0131 code with an English display: the reader’s words, the display kept beside them', () => {
    const nextOfKin = {
      text: 'Next-of-Kin',
      codings: [{ system: V2_CONTACT_ROLE, code: 'N', display: 'Next-of-Kin' }],
    };
    expect(relationshipWords(nextOfKin, 'fr')).toBe('plus proche parent (Next-of-Kin)');
    expect(relationshipWords(nextOfKin, 'de')).toBe('nächster Angehöriger (Next-of-Kin)');
    // The same words in the reader's language are not repeated.
    expect(relationshipWords(nextOfKin, 'en')).toBe('next of kin');
    const authored = { text: 'sa fille aînée', codings: [{ system: V3_ROLE_CODE, code: 'DAU' }] };
    expect(relationshipWords(authored, 'fr')).toBe('fille (sa fille aînée)');
  });

  it('an unknown code is shown as the code itself; a code of another system is not guessed', () => {
    expect(relationshipWords({ text: 'XYZ', codings: [{ system: V3_ROLE_CODE, code: 'XYZ' }] }, 'fr')).toBe(
      'XYZ',
    );
    expect(relationshipWords({ text: 'N', codings: [{ system: 'urn:other', code: 'N' }] }, 'fr')).toBe('N');
    expect(relationshipWords({ text: 'EP', codings: [{ code: 'EP' }] }, 'it')).toBe(
      'persona da avvisare in caso di emergenza',
    );
  });

  it('a contact’s relationships joined; text-only contacts keep their text', () => {
    const contact = {
      relationship: 'family member, Next-of-Kin',
      relationships: [
        {
          text: 'family member',
          codings: [{ system: V3_ROLE_CODE, code: 'FAMMEMB', display: 'family member' }],
        },
        { text: 'Next-of-Kin', codings: [{ system: V2_CONTACT_ROLE, code: 'N', display: 'Next-of-Kin' }] },
      ],
    };
    expect(contactRelationshipWords(contact, 'es')).toBe(
      'familiar (family member), familiar más cercano (Next-of-Kin)',
    );
    expect(contactRelationshipWords({ relationship: 'fils' }, 'de')).toBe('fils');
  });

  it('every code the brief and the IPS examples use is in the table, in five languages, none left in English', () => {
    const v2 = ['C', 'E', 'EP', 'F', 'I', 'N', 'S', 'U'];
    const v3 = [
      'MTH',
      'FTH',
      'SPS',
      'HUSB',
      'WIFE',
      'SON',
      'DAU',
      'BRO',
      'SIS',
      'CHILD',
      'PRN',
      'SIB',
      'FRND',
    ];
    const more = ['GRPRN', 'NBOR', 'ROOM', 'DOMPART', 'ONESELF', 'FAMMEMB'];
    for (const code of v2) expect(RELATIONSHIP_TABLE.v2[code]).toBeDefined();
    for (const code of [...v3, ...more]) expect(RELATIONSHIP_TABLE.v3[code]).toBeDefined();
    for (const words of [...Object.values(RELATIONSHIP_TABLE.v2), ...Object.values(RELATIONSHIP_TABLE.v3)]) {
      for (const l of LANGUAGES) expect(words[l].trim().length).toBeGreaterThan(2);
      // Proper nouns aside, French, German, Spanish and Italian do not borrow these English words.
      for (const l of ['fr', 'de', 'es', 'it'] as const)
        if (!['parent', 'partner'].includes(words.en)) expect(words[l]).not.toBe(words.en);
    }
  });
});

describe('HZ-19 blood groups in the reader’s language, from their codes', () => {
  const aPositive = {
    observation: { codings: [{ system: LOINC, code: '882-1' }] },
    valueCodings: [{ system: SNOMED, code: '278149003' }],
  };
  it.each([
    ['fr', 'groupe A, Rhésus positif'],
    ['en', 'group A, RhD positive'],
    ['de', 'Blutgruppe A, Rhesus positiv'],
    ['es', 'grupo A, Rh positivo'],
    ['it', 'gruppo A, Rh positivo'],
  ] as const)('%s: SNOMED CT 278149003 reads %s', (language, words) => {
    expect(bloodGroupIn(aPositive, language)).toBe(words);
  });

  it('LOINC answers for ABO+Rh, ABO alone and the Rh type; group O is 0 in German and Italian', () => {
    expect(bloodGroupOf([{ system: LOINC, code: 'LA21322-5' }])).toEqual({ abo: 'O', rh: 'negative' });
    expect(bloodGroupWords({ abo: 'O', rh: 'negative' }, 'de')).toBe('Blutgruppe 0, Rhesus negativ');
    expect(bloodGroupWords({ abo: 'O' }, 'fr')).toBe('groupe O');
    expect(bloodGroupOf([{ system: LOINC, code: 'LA28449-9' }])).toEqual({ abo: 'AB' });
    const rhType = [{ system: LOINC, code: '10331-7' }];
    expect(bloodGroupOf([{ system: LOINC, code: 'LA6577-6' }], rhType)).toEqual({ rh: 'negative' });
    // "Negative" names an Rh type only as the value of 10331-7.
    expect(
      bloodGroupOf([{ system: LOINC, code: 'LA6577-6' }], [{ system: LOINC, code: '883-9' }]),
    ).toBeUndefined();
  });

  it('an unknown or uncoded value is not put in words (shown as authored)', () => {
    expect(
      bloodGroupIn({ observation: { codings: [] }, valueCodings: [{ system: SNOMED, code: '1234' }] }, 'fr'),
    ).toBeUndefined();
    expect(bloodGroupIn({ observation: { codings: [] } }, 'fr')).toBeUndefined();
    expect(bloodGroupOf([{ system: 'urn:other', code: '278149003' }])).toBeUndefined();
  });

  it('every coded row says both parts it carries, in five languages', () => {
    for (const value of [
      ...Object.values(BLOOD_GROUP_TABLE.snomed),
      ...Object.values(BLOOD_GROUP_TABLE.loinc),
    ])
      for (const l of LANGUAGES) {
        const words = bloodGroupWords(value, l) ?? '';
        expect(words.split(', ')).toHaveLength((value.abo ? 1 : 0) + (value.rh ? 1 : 0));
      }
  });
});

describe('HZ-18 a text that declares its own language is marked with it', () => {
  it('the text’s language wins over the record’s; none declared: the record’s', () => {
    expect(textLanguageMark('en', 'fr-FR', 'fr')).toBe('EN');
    expect(textLanguageMark('fr-BE', 'de-AT', 'fr')).toBeUndefined();
    expect(textLanguageMark(undefined, 'de-AT', 'fr')).toBe('DE');
    expect(textLanguageMark('not a tag!', 'de-AT', 'fr')).toBe('DE');
    expect(markedText('Diet: no shellfish', 'en-NZ', 'fr', 'fr')).toBe('[EN] Diet: no shellfish');
    expect(markedText('Pas de fruits de mer', 'fr', 'en', 'fr')).toBe('Pas de fruits de mer');
  });
});
