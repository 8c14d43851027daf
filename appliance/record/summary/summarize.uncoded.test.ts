import { describe, expect, it } from 'vitest';
import { craftBundle } from '../ips/fixtures.testing.ts';
import { parseIpsBundle } from '../ips/parse.ts';
import { sectionCategory } from '../ips/sections.ts';
import { emergencyTier } from '../ips/tiers.ts';
import type { IpsBundle } from '../ips/types.ts';
import { summarize } from './summarize.ts';
import type { Summary } from './types.ts';

/*
 * Non-conformant bundles, built from one small conformant base: sections without a code, with
 * unknown codes, entries listed from two sections, relative and urn:uuid references mixed.
 */

function valid(bundle: unknown): IpsBundle {
  const result = parseIpsBundle(bundle);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const BASE_SECTIONS = [
  { loinc: '48765-2', title: 'Allergies and Intolerances', refs: ['urn:uuid:a1'] },
  { loinc: '10160-0', title: 'Medication Summary', refs: ['MedicationStatement/m1'] },
  { loinc: '11450-4', title: 'Problem List', refs: ['urn:uuid:c1', 'Condition/c3'] },
  { loinc: '11348-0', title: 'History of Past Illness', refs: ['Condition/c2'] },
  { loinc: '8716-3', title: 'Vital Signs', refs: ['urn:uuid:o1'] },
];

const BASE_ENTRIES = [
  {
    fullUrl: 'urn:uuid:a1',
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'a1',
      criticality: 'high',
      code: { text: 'Penicillin' },
    },
  },
  {
    fullUrl: 'urn:uuid:m1',
    resource: {
      resourceType: 'MedicationStatement',
      id: 'm1',
      medicationCodeableConcept: { text: 'Amlodipine' },
    },
  },
  {
    fullUrl: 'urn:uuid:c1',
    resource: {
      resourceType: 'Condition',
      id: 'c1',
      clinicalStatus: { coding: [{ code: 'active' }] },
      code: { text: 'Hypertension' },
    },
  },
  {
    fullUrl: 'urn:uuid:c3',
    resource: { resourceType: 'Condition', id: 'c3', code: { text: 'Type 2 diabetes' } },
  },
  {
    fullUrl: 'urn:uuid:c2',
    resource: {
      resourceType: 'Condition',
      id: 'c2',
      clinicalStatus: { coding: [{ code: 'resolved' }] },
      code: { text: 'Appendicitis' },
    },
  },
  {
    fullUrl: 'urn:uuid:o1',
    resource: {
      resourceType: 'Observation',
      id: 'o1',
      code: { text: 'Heart rate' },
      valueQuantity: { value: 72, unit: '/min' },
    },
  },
];

type Section = Record<string, unknown>;

type Entry =
  | (typeof BASE_ENTRIES)[number]
  | { fullUrl: string; resource: { resourceType: string; [f: string]: unknown } };

/** The base bundle with its sections rewritten by `edit`, keeping only the entries `keep` names. */
function variant(
  edit: (sections: Section[]) => Section[],
  { keep, extra = [] }: { keep?: readonly string[]; extra?: readonly Entry[] } = {},
): IpsBundle {
  const entries = [
    ...BASE_ENTRIES.filter((e) => keep === undefined || keep.includes(e.resource.id)),
    ...extra,
  ];
  const bundle = structuredClone(craftBundle(BASE_SECTIONS, entries));
  const composition = bundle.entry[0]?.resource as unknown as { section: Section[] };
  composition.section = edit(composition.section);
  return valid(bundle);
}

const withoutCode = ({ code: _code, ...rest }: Section): Section => rest;

const CLINICAL = ['allergies', 'medications', 'problems', 'pastIllnesses', 'vitalSigns'] as const;
const clinical = (s: Summary): Partial<Summary> => Object.fromEntries(CLINICAL.map((k) => [k, s[k]]));

const base = summarize(variant((s) => s));

describe('HZ-02 sections without a usable code are placed, never reported absent', () => {
  it('HZ-02 the issue 15 bundle: an uncoded "Problem List" holding active Hypertension is a problem', () => {
    const summary = summarize(
      variant((s) => s.map((x) => (x['title'] === 'Problem List' ? withoutCode(x) : x))),
    );
    expect(summary.problems).toMatchObject({
      status: 'entries',
      items: [
        { condition: { text: 'Hypertension' }, clinicalStatus: 'active' },
        { condition: { text: 'Type 2 diabetes' } },
      ],
    });
    expect(summary.otherSections).toEqual([]);
  });

  it('HZ-02 no section has a code: every category reads as in the coded bundle', () => {
    const summary = summarize(variant((s) => s.map(withoutCode)));
    expect(clinical(summary)).toEqual(clinical(base));
    expect(summary.otherSections).toEqual([]);
  });

  it('HZ-02 unknown codes (a local system, a wrong LOINC) are read like missing ones', () => {
    const summary = summarize(
      variant((s) =>
        s.map((x, i) => ({
          ...x,
          code:
            i % 2 === 0
              ? { coding: [{ system: 'urn:local', code: `S${i}` }] }
              : { coding: [{ system: 'http://loinc.org', code: '00000-0' }] },
        })),
      ),
    );
    expect(clinical(summary)).toEqual(clinical(base));
  });

  for (const [language, titles] of [
    ['fr', ['Allergies', 'Traitements', 'Problèmes de santé', 'Antécédents', 'Signes vitaux']],
    ['de', ['Allergien', 'Medikation', 'Probleme', 'Frühere Erkrankungen', 'Vitalzeichen']],
    ['es', ['Alergias', 'Medicación', 'Problemas', 'Antecedentes', 'Signos vitales']],
    ['it', ['Allergie', 'Farmaci', 'Problemi', 'Anamnesi patologica remota', 'Segni vitali']],
  ] as const) {
    it(`HZ-02 uncoded sections without entries are placed by their ${language} title: "empty", not "absent"`, () => {
      const summary = summarize(
        variant(
          (s) =>
            s.map((x, i) => ({
              title: titles[i],
              emptyReason: { text: `reason ${i}` },
              ...(i === 4 ? { entry: x['entry'] } : {}),
            })),
          { keep: ['o1'] },
        ),
      );
      expect(summary.allergies).toEqual({ status: 'empty', reason: 'reason 0' });
      expect(summary.medications).toEqual({ status: 'empty', reason: 'reason 1' });
      expect(summary.problems).toEqual({ status: 'empty', reason: 'reason 2' });
      expect(summary.pastIllnesses).toEqual({ status: 'empty', reason: 'reason 3' });
      expect(summary.vitalSigns).toEqual(base.vitalSigns);
      expect(summary.otherSections).toEqual([]);
    });
  }

  it('HZ-02 a Condition in an uncoded "Allergies" section is an allergy item, in the full and the emergency view', () => {
    const latex = {
      fullUrl: 'urn:uuid:c9',
      resource: { resourceType: 'Condition', id: 'c9', code: { text: 'Latex allergy' } },
    };
    const bundle = variant(
      (s) => [{ title: 'Allergies', entry: [{ reference: 'Condition/c9' }] }, ...s.slice(1)],
      {
        keep: ['m1', 'c1', 'c2', 'c3', 'o1'],
        extra: [latex],
      },
    );
    const full = summarize(bundle);
    expect(full.allergies).toMatchObject({
      status: 'entries',
      items: [{ substance: { text: 'Latex allergy' } }],
    });
    expect(full.problems).toEqual(base.problems);
    const emergency = summarize(valid(JSON.parse(JSON.stringify(emergencyTier(bundle)))));
    expect(emergency.allergies).toEqual(full.allergies);
  });

  it('HZ-02 entries listed from two sections (coded and uncoded) appear once', () => {
    const summary = summarize(
      variant((s) => [
        ...s,
        {
          title: 'Problem list (copy)',
          entry: [{ reference: 'urn:uuid:c1' }, { reference: 'Condition/c3' }, { reference: 'urn:uuid:a1' }],
        },
      ]),
    );
    expect(clinical(summary)).toEqual(clinical(base));
    expect(summary.otherSections).toEqual([]);
  });

  it('HZ-02 what cannot be placed is an "other" section with its title, narrative and entries', () => {
    const summary = summarize(
      variant((s) => [
        ...s.map(withoutCode),
        {
          title: 'Notes',
          text: {
            status: 'generated',
            div: '<div xmlns="http://www.w3.org/1999/xhtml">Seen in clinic</div>',
          },
          entry: [{ reference: 'Observation/o1' }, { reference: 'urn:uuid:missing', display: 'Lab sheet' }],
        },
      ]),
    );
    expect(clinical(summary)).toEqual(clinical(base));
    expect(summary.otherSections).toEqual([
      {
        title: 'Notes',
        code: undefined,
        narrative: 'Seen in clinic',
        items: [
          expect.objectContaining({ text: 'Heart rate: 72 /min' }),
          expect.objectContaining({ text: 'Lab sheet' }),
        ],
      },
    ]);
    expect(summary.otherResources).toEqual([]);
  });
});

describe('HZ-02 the emergency tier of uncoded sections', () => {
  const uncoded = variant((s) => s.map(withoutCode));
  const tier = valid(JSON.parse(JSON.stringify(emergencyTier(uncoded))));

  it('HZ-02 break-glass shows the same allergies, medication and problems as the full record', () => {
    const full = summarize(uncoded);
    const emergency = summarize(tier);
    expect(emergency.allergies).toEqual(full.allergies);
    expect(emergency.medications).toEqual(full.medications);
    expect(emergency.problems).toEqual(full.problems);
    expect(emergency.problems.status).toBe('entries');
  });

  it('tier sections carry the IPS code and keep the source codings', () => {
    const sections = (tier.entry[0]?.resource['section'] ?? []) as Section[];
    expect(sections.map(sectionCategory)).toEqual(['allergies', 'medications', 'problems']);
    const local = variant((s) =>
      s.map((x) => ({ ...x, code: { text: 'local', coding: [{ system: 'urn:local', code: 'L' }] } })),
    );
    const [first] = (emergencyTier(local).entry[0]?.resource['section'] ?? []) as Section[];
    expect(first?.['code']).toEqual({
      text: 'local',
      coding: [
        { system: 'http://loinc.org', code: '48765-2', display: 'Allergies and Intolerances' },
        { system: 'urn:local', code: 'L' },
      ],
    });
  });

  it('HZ-02 an uncoded "Allergies" section stating no known allergy reaches the tier as such', () => {
    const bundle = variant(
      (s) => [{ title: 'Allergies', emptyReason: { text: 'No known allergies' } }, ...s.slice(1)],
      {
        keep: ['m1', 'c1', 'c2', 'c3', 'o1'],
      },
    );
    expect(summarize(valid(JSON.parse(JSON.stringify(emergencyTier(bundle))))).allergies).toEqual({
      status: 'empty',
      reason: 'No known allergies',
    });
  });
});
