import { describe, expect, it } from 'vitest';
import { craftBundle } from '../ips/fixtures.testing.ts';
import { parseIpsBundle } from '../ips/parse.ts';
import type { IpsBundle } from '../ips/types.ts';
import { summarize } from './summarize.ts';
import type { SummarySection } from './types.ts';

function itemsOf<T>(section: SummarySection<T> | undefined): readonly T[] {
  if (section?.status !== 'entries') throw new Error(`expected entries, got ${JSON.stringify(section)}`);
  return section.items;
}

function valid(bundle: IpsBundle): IpsBundle {
  const result = parseIpsBundle(bundle);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const ALLERGIES = '48765-2';
const PROBLEMS = '11450-4';

describe('HZ-02 nothing clinical is dropped', () => {
  it('HZ-02 an allergy without a code shows its narrative, else "Unrecognised entry (Type/id)"', () => {
    const bundle = craftBundle(
      [{ loinc: ALLERGIES, refs: ['urn:uuid:a1', 'urn:uuid:a2', 'urn:uuid:gone'] }],
      [
        {
          fullUrl: 'urn:uuid:a1',
          resource: {
            resourceType: 'AllergyIntolerance',
            text: {
              status: 'generated',
              div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Allergy to <b>bee stings</b> &amp; wasps</p></div>',
            },
          },
        },
        {
          fullUrl: 'urn:uuid:a2',
          resource: { resourceType: 'AllergyIntolerance', id: 'a2', code: 'not-a-concept' },
        },
      ],
    );
    const allergies = itemsOf(summarize(valid(bundle)).allergies);
    expect(allergies.map((a) => a.substance.text)).toEqual([
      'Allergy to bee stings & wasps',
      'Unrecognised entry (AllergyIntolerance/a2)',
      'Unrecognised entry (urn:uuid:gone)',
    ]);
  });

  it('HZ-02 a resource of another type listed in the allergy section stays in the allergy list', () => {
    const bundle = craftBundle(
      [{ loinc: ALLERGIES, refs: ['urn:uuid:o1'] }],
      [
        {
          fullUrl: 'urn:uuid:o1',
          resource: { resourceType: 'Observation', code: { text: 'Latex sensitivity' } },
        },
      ],
    );
    expect(itemsOf(summarize(valid(bundle)).allergies).map((a) => a.substance.text)).toEqual([
      'Latex sensitivity',
    ]);
  });

  it('HZ-02 allergies, medications and conditions that no section lists are still shown', () => {
    const bundle = craftBundle(
      [{ loinc: PROBLEMS, refs: [] }],
      [
        {
          fullUrl: 'urn:uuid:a1',
          resource: { resourceType: 'AllergyIntolerance', code: { text: 'Amoxicillin' } },
        },
        {
          fullUrl: 'urn:uuid:m1',
          resource: { resourceType: 'MedicationStatement', medicationCodeableConcept: { text: 'Insulin' } },
        },
        { fullUrl: 'urn:uuid:c1', resource: { resourceType: 'Condition', code: { text: 'Epilepsy' } } },
      ],
    );
    const summary = summarize(valid(bundle));
    expect(itemsOf(summary.allergies).map((a) => a.substance.text)).toEqual(['Amoxicillin']);
    expect(itemsOf(summary.medications).map((m) => m.medication.text)).toEqual(['Insulin']);
    expect(itemsOf(summary.problems).map((p) => p.condition.text)).toEqual(['Epilepsy']);
  });

  it('HZ-02 unknown resource types are kept and counted in otherResources', () => {
    const bundle = craftBundle(
      [{ loinc: '18776-5', title: 'Plan of care', refs: ['urn:uuid:cp'] }],
      [
        {
          fullUrl: 'urn:uuid:cp',
          resource: { resourceType: 'CarePlan', description: 'Cardiac rehabilitation' },
        },
        { fullUrl: 'urn:uuid:x1', resource: { resourceType: 'FamilyMemberHistory' } },
        { fullUrl: 'urn:uuid:x2', resource: { resourceType: 'FamilyMemberHistory' } },
        { fullUrl: 'urn:uuid:x3', resource: { resourceType: 'Encounter' } },
      ],
    );
    const summary = summarize(valid(bundle));
    expect(summary.otherResources).toEqual([
      { resourceType: 'FamilyMemberHistory', count: 2 },
      { resourceType: 'Encounter', count: 1 },
    ]);
    expect(summary.otherSections).toEqual([
      expect.objectContaining({
        title: 'Plan of care',
        code: '18776-5',
        items: [expect.objectContaining({ text: 'Cardiac rehabilitation' })],
      }),
    ]);
  });

  it('HZ-02 a 5000-character allergy text is carried whole', () => {
    const long = 'Severe anaphylaxis to '.padEnd(5000, 'x');
    const bundle = craftBundle(
      [{ loinc: ALLERGIES, refs: ['urn:uuid:a1'] }],
      [{ fullUrl: 'urn:uuid:a1', resource: { resourceType: 'AllergyIntolerance', code: { text: long } } }],
    );
    expect(itemsOf(summarize(valid(bundle)).allergies)[0]?.substance.text).toBe(long);
  });
});

describe('allergies', () => {
  it('HZ-02 high criticality first, otherwise document order, all kept, with reactions', () => {
    const allergy = (id: string, criticality: string | undefined) => ({
      fullUrl: `urn:uuid:${id}`,
      resource: {
        resourceType: 'AllergyIntolerance',
        id,
        code: { text: id },
        ...(criticality === undefined ? {} : { criticality }),
        reaction: [
          { manifestation: [{ text: 'Hives' }, { coding: [{ display: 'Wheeze' }] }], severity: 'moderate' },
        ],
      },
    });
    const bundle = craftBundle(
      [
        {
          loinc: ALLERGIES,
          refs: ['urn:uuid:low', 'urn:uuid:high1', 'urn:uuid:none', 'urn:uuid:high2', 'urn:uuid:odd'],
        },
      ],
      [
        allergy('low', 'low'),
        allergy('high1', 'high'),
        allergy('none', undefined),
        allergy('high2', 'high'),
        allergy('odd', 'HIGH!'),
      ],
    );
    const allergies = itemsOf(summarize(valid(bundle)).allergies);
    expect(allergies.map((a) => `${a.id}:${a.criticality}`)).toEqual([
      'high1:high',
      'high2:high',
      'low:low',
      'none:unknown',
      'odd:unknown',
    ]);
    expect(allergies[0]?.reactions).toEqual([{ manifestations: ['Hives', 'Wheeze'], severity: 'moderate' }]);
  });

  it('a section with only a narrative is empty with the narrative as reason; no section is absent', () => {
    const bundle = craftBundle(
      [
        {
          loinc: ALLERGIES,
          div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>No known allergies</p></div>',
        },
      ],
      [],
    );
    const summary = summarize(valid(bundle));
    expect(summary.allergies).toEqual({ status: 'empty', reason: 'No known allergies' });
    expect(summary.medications).toEqual({ status: 'absent' });
  });

  it('IPS absent-unknown codes make the section empty with their text', () => {
    const bundle = craftBundle(
      [{ loinc: ALLERGIES, refs: ['urn:uuid:a1'] }],
      [
        {
          fullUrl: 'urn:uuid:a1',
          resource: {
            resourceType: 'AllergyIntolerance',
            code: {
              coding: [
                {
                  system: 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips',
                  code: 'no-allergy-info',
                  display: 'No information about allergies',
                },
              ],
            },
          },
        },
      ],
    );
    expect(summarize(valid(bundle)).allergies).toEqual({
      status: 'empty',
      reason: 'No information about allergies',
    });
  });
});

describe('devices, blood group, directives, contacts', () => {
  it('DeviceUseStatement shows the referenced Device; ABO and Rh observations are both blood group', () => {
    const bundle = craftBundle(
      [{ loinc: '46264-8', refs: ['urn:uuid:dus'] }],
      [
        {
          fullUrl: 'urn:uuid:dus',
          resource: {
            resourceType: 'DeviceUseStatement',
            status: 'active',
            device: { reference: 'urn:uuid:pm' },
            timingDateTime: '2019-03-02',
            bodySite: { text: 'chest' },
          },
        },
        {
          fullUrl: 'urn:uuid:pm',
          resource: {
            resourceType: 'Device',
            type: {
              coding: [{ system: 'http://snomed.info/sct', code: '14106009', display: 'Cardiac pacemaker' }],
            },
          },
        },
        {
          fullUrl: 'urn:uuid:abo',
          resource: {
            resourceType: 'Observation',
            code: { coding: [{ system: 'http://loinc.org', code: '883-9' }] },
            valueCodeableConcept: { text: 'Group O' },
          },
        },
        {
          fullUrl: 'urn:uuid:rh',
          resource: {
            resourceType: 'Observation',
            code: {
              coding: [{ system: 'http://loinc.org', code: '10331-7', display: 'Rh [Type] in Blood' }],
            },
            valueCodeableConcept: { coding: [{ display: 'Rh negative' }] },
          },
        },
      ],
    );
    const summary = summarize(valid(bundle));
    expect(itemsOf(summary.devices)).toEqual([
      expect.objectContaining({
        device: expect.objectContaining({ text: 'Cardiac pacemaker' }),
        status: 'active',
        since: '2019-03-02',
        bodySite: 'chest',
      }),
    ]);
    expect(summary.bloodGroup.map((b) => b.value)).toEqual(['Group O', 'Rh negative']);
    expect(summary.otherResources).toEqual([]);
  });

  it('advance directives from Consent (deny provision) and DocumentReference', () => {
    const bundle = craftBundle(
      [{ loinc: '42348-3', refs: ['urn:uuid:c', 'urn:uuid:d'] }],
      [
        {
          fullUrl: 'urn:uuid:c',
          resource: {
            resourceType: 'Consent',
            status: 'active',
            provision: { type: 'deny', code: [{ text: 'Cardiopulmonary resuscitation' }] },
          },
        },
        {
          fullUrl: 'urn:uuid:d',
          resource: {
            resourceType: 'DocumentReference',
            status: 'current',
            description: 'Living will (2024)',
          },
        },
      ],
    );
    expect(itemsOf(summarize(valid(bundle)).advanceDirectives).map((i) => i.text)).toEqual([
      'Deny: Cardiopulmonary resuscitation',
      'Living will (2024)',
    ]);
  });

  it('contacts: name, relationship text and telecoms', () => {
    const bundle = craftBundle([], []);
    const patient = {
      resourceType: 'Patient',
      contact: [
        {
          relationship: [{ text: 'Daughter' }],
          name: { text: 'Léa Testpatient' },
          telecom: [{ value: '+33 6 00 00 00 00' }],
        },
        { organization: { display: 'Care home' } },
      ],
    };
    const withContacts = {
      ...bundle,
      entry: [bundle.entry[0], { fullUrl: 'urn:uuid:pat', resource: patient }, ...bundle.entry.slice(2)],
    } as IpsBundle;
    expect(summarize(valid(withContacts)).contacts).toEqual([
      { name: 'Léa Testpatient', relationship: 'Daughter', telecom: ['+33 6 00 00 00 00'] },
      { name: 'Care home', relationship: undefined, telecom: [] },
    ]);
  });
});
