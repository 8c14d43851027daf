import { describe, expect, it } from 'vitest';
import type { ContactItem, ObservationItem, OtherSectionItem } from '../../../record/summary/types.ts';
import { bloodGroupIn, narrativeIn, relationshipIn } from './structured.ts';

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

describe('the screen’s coded values in the reader’s language (issue 19)', () => {
  it('HZ-19 a contact’s relationship by code; text-only relationships as authored', () => {
    const mother: ContactItem = {
      name: 'Martha Mum',
      relationship: 'MTH',
      relationships: [{ text: 'MTH', codings: [{ system: V3, code: 'MTH' }] }],
      telecom: [],
    };
    expect(relationshipIn(mother, 'fr')).toBe('mère');
    expect(relationshipIn(mother, 'it')).toBe('madre');
    expect(relationshipIn({ relationship: 'voisine', telecom: [] }, 'de')).toBe('voisine');
  });

  it('HZ-19 a coded blood group in words; an uncoded one is left to the authored value', () => {
    const coded: ObservationItem = {
      id: 'b',
      observation: { text: 'ABO and Rh group', codings: [{ system: 'http://loinc.org', code: '882-1' }] },
      value: 'Blood group O Rh(D) negative',
      valueCodings: [{ system: 'http://snomed.info/sct', code: '278148006' }],
    };
    expect(bloodGroupIn(coded, 'fr')).toBe('groupe O, Rhésus négatif');
    expect(bloodGroupIn(coded, 'de')).toBe('Blutgruppe 0, Rhesus negativ');
    expect(bloodGroupIn({ ...coded, valueCodings: [] }, 'fr')).toBeUndefined();
  });

  it('HZ-18 a narrative is marked with the language its div declares, else the record’s', () => {
    const section: OtherSectionItem = {
      title: 'Plan',
      narrative: 'No shellfish',
      narrativeLanguage: 'en',
      items: [],
    };
    expect(narrativeIn(section, 'fr-FR', 'fr')).toBe('[EN] No shellfish');
    expect(narrativeIn(section, 'fr-FR', 'en')).toBe('No shellfish');
    expect(narrativeIn({ ...section, narrativeLanguage: undefined }, 'de-AT', 'fr')).toBe(
      '[DE] No shellfish',
    );
  });
});
