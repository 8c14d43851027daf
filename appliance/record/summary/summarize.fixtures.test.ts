import { describe, expect, it } from 'vitest';
import { parseIpsBundle } from '../ips/parse.ts';
import type { IpsBundle } from '../ips/types.ts';
import { fixtureNames, loadFixture } from '../ips/fixtures.testing.ts';
import { summarize } from './summarize.ts';
import type { Summary, SummarySection } from './types.ts';

function bundleOf(name: string): IpsBundle {
  const result = parseIpsBundle(loadFixture(name));
  if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
  return result.value;
}

function itemsOf<T>(section: SummarySection<T> | undefined): readonly T[] {
  if (section?.status !== 'entries') throw new Error(`expected entries, got ${JSON.stringify(section)}`);
  return section.items;
}

function countType(bundle: IpsBundle, type: string): number {
  return bundle.entry.filter((e) => e.resource.resourceType === type).length;
}

describe('summarize: every real bundle', () => {
  for (const name of fixtureNames()) {
    it(`HZ-02 ${name}: no allergy, medication or problem is dropped`, () => {
      const bundle = bundleOf(name);
      const summary = summarize(bundle);
      expect(() => JSON.stringify(summary)).not.toThrow();
      const allergies = countType(bundle, 'AllergyIntolerance');
      if (summary.allergies.status === 'entries') expect(summary.allergies.items).toHaveLength(allergies);
      else if (allergies > 0) expect(summary.allergies).toMatchObject({ status: 'empty' });
      const meds = countType(bundle, 'MedicationStatement') + countType(bundle, 'MedicationRequest');
      if (summary.medications.status === 'entries') expect(summary.medications.items).toHaveLength(meds);
      else if (meds > 0) expect(summary.medications).toMatchObject({ status: 'empty' });
      const conditions = countType(bundle, 'Condition');
      const shown =
        (summary.problems.status === 'entries' ? summary.problems.items.length : 0) +
        (summary.pastIllnesses?.status === 'entries' ? summary.pastIllnesses.items.length : 0) +
        (summary.otherResources.find((o) => o.resourceType === 'Condition')?.count ?? 0);
      if (summary.problems.status !== 'empty') expect(shown).toBe(conditions);
      for (const item of summary.allergies.status === 'entries' ? summary.allergies.items : []) {
        expect(item.substance.text.trim()).not.toBe('');
      }
    });
  }
});

describe('summarize: real content, bundle by bundle', () => {
  const s = (name: string): Summary => summarize(bundleOf(name));

  it('AT_ELGA: German allergy text, Aspirin with dose built from doseAndRate and timing, ingredients', () => {
    const summary = s('AT_ELGA_GmbH_01.json');
    expect(itemsOf(summary.allergies).map((a) => a.substance.text)).toEqual([
      'Medikamentenunverträglichkeit: Penicillin',
    ]);
    const meds = itemsOf(summary.medications);
    expect(meds).toHaveLength(7);
    expect(meds[0]).toMatchObject({
      medication: { text: 'ASPIRIN TBL 500MG' },
      dosage: '4, once per day',
      route: 'zum Einnehmen',
      source: 'MedicationStatement',
    });
    expect(meds[0]?.ingredients.map((i) => i.text)).toEqual(['Acetylsalicylsäure']);
    expect(meds[0]?.ingredients[0]?.codings.map((c) => c.code)).toContain('N02BA01');
    expect(meds.map((m) => m.dosage)).toContain('10, every 2 weeks');
    expect(meds[6]).toMatchObject({ medication: { text: 'Ciproxin' }, dosage: '1, every 3 days' });
    expect(summary.authors).toEqual(['IPS Generator']);
    expect(itemsOf(summary.immunizations)).toHaveLength(3);
    expect(summary.otherResources).toEqual([]);
    expect(itemsOf(summary.vitalSigns).length).toBeGreaterThan(0);
  });

  it('DE: advance directive (do not resuscitate) and "unavailable" sections', () => {
    const summary = s('DE_no_info_with_Advance_Directive.json');
    const directives = itemsOf(summary.advanceDirectives);
    expect(directives).toHaveLength(1);
    expect(directives[0]?.text).toContain('Not for resuscitation');
    expect(directives[0]).toMatchObject({ status: 'active', date: '2021-09-01' });
    expect(summary.allergies).toEqual({ status: 'empty', reason: 'Unavailable' });
    expect(summary.medications).toEqual({ status: 'empty', reason: 'Unavailable' });
    expect(summary.problems).toEqual({ status: 'empty', reason: 'Unavailable' });
    expect(summary.authors).toEqual(['Northcare, Thomas Road']);
  });

  it('IPS_IG-bundle-01: high-criticality penicillin first, blood group, medications with dose', () => {
    const summary = s('IPS_IG-bundle-01.json');
    const allergies = itemsOf(summary.allergies);
    expect(allergies.map((a) => a.criticality)).toEqual(['high', 'unknown']);
    expect(allergies[0]?.substance.text).toContain('penicillin');
    expect(allergies[0]).toMatchObject({
      type: 'allergy',
      categories: ['medication'],
      clinicalStatus: 'active',
    });
    expect(allergies[1]?.substance.text).toBe('No known food allergy (situation)');
    const meds = itemsOf(summary.medications);
    expect(meds[0]).toMatchObject({
      medication: { text: 'Product containing anastrozole (medicinal product)' },
      // Timing.repeat.count 1 (periodUnit d, no frequency): one dose in all (FHIR R4 Timing).
      dosage: '1 tablet, once (also coded "once per day": check)',
      route: 'Oral use',
      status: 'active',
    });
    expect(meds[1]?.medication.text).toBe('Black Cohosh Extract herbal supplement');
    expect(summary.bloodGroup).toHaveLength(1);
    expect(summary.bloodGroup[0]?.value).toBe('Blood group A Rh(D) positive');
    // v3 RoleCode MTH without a display: the bare code here, named in the reader's language on
    // screen and receipt (common/structured/relationships.ts), never generated English.
    expect(summary.contacts).toEqual([
      {
        name: 'Martha Mum',
        relationship: 'MTH',
        relationships: [
          {
            text: 'MTH',
            codings: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }],
          },
        ],
        telecom: ['+33-555-20036'],
      },
    ]);
    expect(summary.authors).toEqual(['Beetje van Hulp']);
    expect(itemsOf(summary.pastIllnesses).map((p) => p.condition.text)).toEqual([
      'Malignant tumor of breast',
    ]);
    expect(summary.otherSections?.map((o) => o.title)).toEqual(['Plan of Treatment']);
    expect(summary.otherSections?.[0]?.narrative).toContain('Anastrozole');
  });

  it('IPS_IG_bundle-minimal: one allergy, one medication, one problem', () => {
    const summary = s('IPS_IG_bundle-minimal.json');
    expect(itemsOf(summary.allergies)).toHaveLength(1);
    expect(itemsOf(summary.medications)[0]?.medication.text).toContain('anastrozole');
    expect(itemsOf(summary.problems)[0]?.condition.text).toBe('Menopausal flushing (finding)');
    expect(summary.patient).toEqual({ name: 'Martha DeLarosa', birthDate: '1972-05-01', gender: 'female' });
  });

  it('IPS_IG_bundle-no-info-required-sections: emptyReason text on the three required sections', () => {
    const summary = s('IPS_IG_bundle-no-info-required-sections.json');
    for (const section of [summary.allergies, summary.medications, summary.problems]) {
      expect(section).toEqual({ status: 'empty', reason: 'No information available' });
    }
    expect(itemsOf(summary.immunizations).map((i) => i.text)).toEqual([
      'Influenza, seasonal, injectable',
      'Influenza, seasonal, injectable',
    ]);
    expect(summary.devices).toEqual({ status: 'absent' });
  });

  it('NL_Curavista: relative fullUrls, MedicationRequest with Dosage.text, allergy note', () => {
    const summary = s('NL_Curavista_01.json');
    expect(itemsOf(summary.allergies).map((a) => a.substance.text)).toEqual(['PARACETAMOL', 'Barbituraten']);
    expect(itemsOf(summary.allergies)[1]?.note).toBe('erg duizelig en misselijkheid');
    const meds = itemsOf(summary.medications);
    expect(meds[1]).toMatchObject({
      medication: { text: 'METFORMINE 1000MG TABLET' },
      dosage: '3 maal per dag 1 tablet.',
      route: 'ORAAL',
      source: 'MedicationRequest',
    });
    expect(itemsOf(summary.problems).map((p) => p.condition.text)).toContain('Diabetes mellitus type 2');
    expect(itemsOf(summary.results)).toHaveLength(3);
  });

  it('NZ: "no known" entries become empty sections with their text, alert and emergency contact', () => {
    const summary = s('NZ_Peter_Jordan_AAA1234.json');
    expect(summary.allergies).toEqual({ status: 'empty', reason: 'No known allergy' });
    expect(summary.medications).toEqual({ status: 'empty', reason: 'No known medications' });
    expect(summary.problems).toEqual({ status: 'empty', reason: 'No current problems or disability' });
    expect(itemsOf(summary.alerts)).toEqual([
      expect.objectContaining({ text: 'Shellfish free diet', status: 'active' }),
    ]);
    expect(summary.contacts).toContainEqual(
      expect.objectContaining({
        name: 'Peter Rabbit Rabbit',
        relationship: 'Emergency Contact',
        telecom: ['07 853 9191'],
      }),
    );
    expect(summary.patient.name).toBe('James Judge');
  });

  it('US_Washington: atorvastatin dose text, 16 immunizations, social history kept as another section', () => {
    const summary = s('US_Washington_GDHP.json');
    expect(itemsOf(summary.medications)).toEqual([
      expect.objectContaining({
        medication: expect.objectContaining({ text: 'atorvastatin 40 MG Oral Tablet' }),
        dosage: '40 mg/day',
      }),
    ]);
    expect(itemsOf(summary.immunizations)).toHaveLength(16);
    expect(summary.otherSections?.[0]?.items.map((i) => i.text)).toEqual([
      'Tobacco smoking status: Former smoker',
    ]);
  });

  it('US_ePatientDave (requests): 13 medications incl. "as needed", 36 problems, 1 past illness', () => {
    const summary = s('US_ePatientDave_medRequest_with_Narrative.json');
    const meds = itemsOf(summary.medications);
    expect(meds).toHaveLength(13);
    expect(meds.find((m) => m.medication.text === 'acetaminophen')?.dosage).toBe('as needed');
    expect(meds.filter((m) => m.status === 'on-hold')).toHaveLength(3);
    expect(itemsOf(summary.problems)).toHaveLength(36);
    expect(itemsOf(summary.pastIllnesses)).toHaveLength(1);
    expect(summary.contacts[0]?.telecom).toEqual(['555-555-5555', 'john.anyperson@example.com']);
  });

  it('US_ePatientDave (statements): 29 medication statements', () => {
    const summary = s('US_ePatientDave_medStatements_with_Narrative.json');
    expect(itemsOf(summary.medications)).toHaveLength(29);
    expect(itemsOf(summary.medications).every((m) => m.source === 'MedicationStatement')).toBe(true);
  });
});
