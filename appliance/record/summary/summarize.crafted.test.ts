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
const MEDICATIONS = '10160-0';

describe('medications', () => {
  it('MedicationRequest with a contained Medication: name, ingredients (concept and reference), dose', () => {
    const bundle = craftBundle(
      [{ loinc: MEDICATIONS, refs: ['urn:uuid:mr1'] }],
      [
        {
          fullUrl: 'urn:uuid:mr1',
          resource: {
            resourceType: 'MedicationRequest',
            id: 'mr1',
            status: 'active',
            contained: [
              {
                resourceType: 'Medication',
                id: 'med',
                code: {
                  coding: [{ system: 'http://www.whocc.no/atc', code: 'B01AF01', display: 'rivaroxaban' }],
                },
                ingredient: [
                  { itemCodeableConcept: { text: 'Rivaroxaban 20 mg' } },
                  { itemReference: { reference: 'urn:uuid:sub1' } },
                ],
              },
            ],
            medicationReference: { reference: '#med' },
            dosageInstruction: [
              {
                doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }],
                timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
                route: { text: 'oral' },
              },
            ],
            authoredOn: '2025-02-01',
          },
        },
        { fullUrl: 'urn:uuid:sub1', resource: { resourceType: 'Substance', code: { text: 'Lactose' } } },
      ],
    );
    const [med] = itemsOf(summarize(valid(bundle)).medications);
    expect(med).toMatchObject({
      id: 'mr1',
      medication: { text: 'rivaroxaban', codings: [{ code: 'B01AF01' }] },
      dosage: '1 tablet, 2 times per day',
      route: 'oral',
      status: 'active',
      source: 'MedicationRequest',
      period: { start: '2025-02-01' },
    });
    expect(med?.ingredients.map((i) => i.text)).toEqual(['Rivaroxaban 20 mg', 'Lactose']);
  });

  it('dose text: range, every n hours, as needed for a reason, timing code, several dosages', () => {
    const statement = (dosage: unknown[]) => ({
      resourceType: 'MedicationStatement',
      medicationCodeableConcept: { text: 'Paracetamol' },
      dosage,
    });
    const bundle = craftBundle(
      [{ loinc: MEDICATIONS, refs: ['urn:uuid:m1', 'urn:uuid:m2', 'urn:uuid:m3'] }],
      [
        {
          fullUrl: 'urn:uuid:m1',
          resource: statement([
            {
              doseAndRate: [{ doseRange: { low: { value: 1, unit: 'g' }, high: { value: 2, unit: 'g' } } }],
              timing: { repeat: { frequency: 1, period: 6, periodUnit: 'h' } },
              asNeededCodeableConcept: { text: 'pain' },
            },
          ]),
        },
        {
          fullUrl: 'urn:uuid:m2',
          resource: statement([{ timing: { code: { text: 'BID' } } }, { text: 'at night' }]),
        },
        { fullUrl: 'urn:uuid:m3', resource: statement([]) },
      ],
    );
    const meds = itemsOf(summarize(valid(bundle)).medications);
    expect(meds.map((m) => m.dosage)).toEqual([
      '1 g to 2 g, every 6 hours, as needed for pain',
      'BID; at night',
      undefined,
    ]);
  });

  it('HZ-02 a medication reference that resolves to nothing shows its display, else a fallback', () => {
    const bundle = craftBundle(
      [{ loinc: MEDICATIONS, refs: ['urn:uuid:m1', 'urn:uuid:m2'] }],
      [
        {
          fullUrl: 'urn:uuid:m1',
          resource: {
            resourceType: 'MedicationStatement',
            medicationReference: { reference: 'urn:uuid:gone', display: 'Warfarin 5 mg' },
          },
        },
        { fullUrl: 'urn:uuid:m2', resource: { resourceType: 'MedicationStatement', id: 'm2' } },
      ],
    );
    const meds = itemsOf(summarize(valid(bundle)).medications);
    expect(meds.map((m) => m.medication.text)).toEqual([
      'Warfarin 5 mg',
      'Unrecognised entry (MedicationStatement/m2)',
    ]);
  });
});

describe('references', () => {
  it('resolves relative references against RESTful fullUrls, versioned references and Type/id to urn:uuid', () => {
    const base = 'https://fhir.example.org/r4/';
    const bundle = craftBundle(
      [
        {
          loinc: ALLERGIES,
          refs: ['AllergyIntolerance/a1', `${base}AllergyIntolerance/a2/_history/3`, 'AllergyIntolerance/a3'],
        },
      ],
      [
        {
          fullUrl: `${base}AllergyIntolerance/a1`,
          resource: { resourceType: 'AllergyIntolerance', id: 'a1', code: { text: 'Peanut' } },
        },
        {
          fullUrl: `${base}AllergyIntolerance/a2`,
          resource: { resourceType: 'AllergyIntolerance', id: 'a2', code: { text: 'Wasp venom' } },
        },
        {
          fullUrl: 'urn:uuid:a3',
          resource: { resourceType: 'AllergyIntolerance', code: { text: 'Iodine' } },
        },
      ],
    );
    const composition = bundle.entry[0];
    const restful = {
      ...bundle,
      entry: [{ ...composition, fullUrl: `${base}Composition/c1` }, ...bundle.entry.slice(1)],
    } as IpsBundle;
    const summary = summarize(valid(restful));
    expect(itemsOf(summary.allergies).map((a) => a.substance.text)).toEqual([
      'Peanut',
      'Wasp venom',
      'Iodine',
    ]);
    expect(summary.otherResources).toEqual([]);
  });

  it('author as PractitionerRole shows the practitioner; an unresolvable author shows its display', () => {
    const bundle = craftBundle(
      [],
      [
        {
          fullUrl: 'urn:uuid:role',
          resource: { resourceType: 'PractitionerRole', practitioner: { reference: 'urn:uuid:doc' } },
        },
        {
          fullUrl: 'urn:uuid:dev',
          resource: { resourceType: 'Device', deviceName: [{ name: 'EHR export 2.1' }] },
        },
      ],
      {
        author: [
          { reference: 'urn:uuid:role' },
          { reference: 'urn:uuid:dev' },
          { reference: 'urn:uuid:x', display: 'Dr House' },
        ],
      },
    );
    expect(summarize(valid(bundle)).authors).toEqual(['Dr Claire Martin', 'EHR export 2.1', 'Dr House']);
  });
});
