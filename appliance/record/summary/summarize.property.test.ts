import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpsBundle } from '../ips/parse.ts';
import { emergencyTier } from '../ips/tiers.ts';
import type { IpsBundle } from '../ips/types.ts';
import { summarize } from './summarize.ts';

const SECTION_CODES = [
  '48765-2',
  '10160-0',
  '11450-4',
  '46264-8',
  '30954-2',
  '42348-3',
  '104605-1',
  '11369-6',
  '47519-4',
  '11348-0',
  '18776-5',
];

const junk = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });

const concept = fc.oneof(
  fc.record({ text: fc.string({ maxLength: 20 }) }),
  fc.record({
    coding: fc.array(
      fc.record({
        system: fc.constant('http://example.org'),
        code: fc.string({ maxLength: 6 }),
        display: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
      }),
      { maxLength: 2 },
    ),
  }),
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 2 }),
);

const placement = fc.constantFrom('allergies', 'problems', 'unknown', 'none', 'twice');

const allergy = fc.record({
  extra: junk,
  code: concept,
  criticality: fc.oneof(
    fc.constantFrom('high', 'low', 'unable-to-assess'),
    fc.string({ maxLength: 5 }),
    fc.constant(undefined),
  ),
  reaction: fc.option(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 2 }), { nil: undefined }),
  placement,
});

const medication = fc.record({
  extra: junk,
  type: fc.constantFrom('MedicationStatement', 'MedicationRequest'),
  how: fc.constantFrom('concept', 'entry', 'contained', 'missing'),
  code: concept,
  dosage: fc.option(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 2 }), { nil: undefined }),
  placement: fc.constantFrom('medications', 'unknown', 'none'),
});

const other = fc.record({
  extra: junk,
  resourceType: fc.oneof(
    fc.constantFrom('Condition', 'Observation', 'Flag', 'Device', 'Consent', 'Procedure'),
    fc.stringMatching(/^[A-Z][a-z]{2,12}$/),
  ),
  listedIn: fc.option(fc.constantFrom(...SECTION_CODES), { nil: undefined }),
});

const scenario = fc.record({
  restful: fc.boolean(),
  allergies: fc.array(allergy, { maxLength: 8 }),
  medications: fc.array(medication, { maxLength: 6 }),
  others: fc.array(other, { maxLength: 6 }),
  sections: fc.subarray(SECTION_CODES),
  emptyReason: fc.option(concept, { nil: undefined }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { bundle: IpsBundle; allergyIds: string[] } {
  const url = (type: string, id: string): string =>
    s.restful ? `https://fhir.example.org/${type}/${id}` : `urn:uuid:${id}`;
  const ref = (type: string, id: string): string => (s.restful ? `${type}/${id}` : `urn:uuid:${id}`);
  const listed = new Map<string, string[]>(SECTION_CODES.map((c) => [c, []]));
  const entries: { fullUrl: string; resource: Record<string, unknown> }[] = [];
  const allergyIds: string[] = [];
  s.allergies.forEach((a, i) => {
    const id = `a${i}`;
    allergyIds.push(id);
    entries.push({
      fullUrl: url('AllergyIntolerance', id),
      resource: {
        ...a.extra,
        resourceType: 'AllergyIntolerance',
        id,
        code: a.code,
        criticality: a.criticality,
        reaction: a.reaction,
      },
    });
    const target = {
      allergies: '48765-2',
      problems: '11450-4',
      unknown: '18776-5',
      twice: '48765-2',
      none: undefined,
    }[a.placement];
    if (target !== undefined) listed.get(target)?.push(ref('AllergyIntolerance', id));
    if (a.placement === 'twice') listed.get('11450-4')?.push(ref('AllergyIntolerance', id));
  });
  s.medications.forEach((m, i) => {
    const id = `m${i}`;
    const resource: Record<string, unknown> = { ...m.extra, resourceType: m.type, id };
    if (m.how === 'concept') resource['medicationCodeableConcept'] = m.code;
    if (m.how === 'missing') resource['medicationReference'] = { reference: ref('Medication', `gone${i}`) };
    if (m.how === 'contained') {
      resource['contained'] = [{ resourceType: 'Medication', id: 'med', code: m.code }];
      resource['medicationReference'] = { reference: '#med' };
    }
    if (m.how === 'entry') {
      entries.push({
        fullUrl: url('Medication', `med${i}`),
        resource: { resourceType: 'Medication', id: `med${i}`, code: m.code },
      });
      resource['medicationReference'] = { reference: ref('Medication', `med${i}`) };
    }
    resource[m.type === 'MedicationRequest' ? 'dosageInstruction' : 'dosage'] = m.dosage;
    entries.push({ fullUrl: url(m.type, id), resource });
    const target = { medications: '10160-0', unknown: '18776-5', none: undefined }[m.placement];
    if (target !== undefined) listed.get(target)?.push(ref(m.type, id));
  });
  s.others.forEach((o, i) => {
    const id = `o${i}`;
    entries.push({
      fullUrl: url(o.resourceType, id),
      resource: { ...o.extra, resourceType: o.resourceType, id },
    });
    if (o.listedIn !== undefined) listed.get(o.listedIn)?.push(ref(o.resourceType, id));
  });
  const used = new Set([...s.sections, ...[...listed].filter(([, refs]) => refs.length > 0).map(([c]) => c)]);
  const section = [...used].map((code) => {
    const refs = listed.get(code) ?? [];
    return {
      title: code,
      code: { coding: [{ system: 'http://loinc.org', code }] },
      ...(refs.length > 0 ? { entry: refs.map((reference) => ({ reference })) } : {}),
      ...(refs.length === 0 &&
      s.emptyReason !== undefined &&
      typeof s.emptyReason === 'object' &&
      s.emptyReason !== null &&
      !Array.isArray(s.emptyReason)
        ? { emptyReason: s.emptyReason }
        : {}),
    };
  });
  const bundle = {
    resourceType: 'Bundle',
    type: 'document',
    entry: [
      {
        fullUrl: url('Composition', 'comp'),
        resource: { resourceType: 'Composition', subject: { reference: ref('Patient', 'pat') }, section },
      },
      { fullUrl: url('Patient', 'pat'), resource: { resourceType: 'Patient', id: 'pat' } },
      ...entries,
    ],
  };
  return { bundle: JSON.parse(JSON.stringify(bundle)) as IpsBundle, allergyIds };
}

describe('summarize on arbitrary structurally valid bundles', () => {
  it('HZ-02 never throws and never loses an AllergyIntolerance, in the full and the emergency tier', () => {
    let refused = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const { bundle, allergyIds } = build(s);
        const parsed = parseIpsBundle(bundle);
        if (!parsed.ok) {
          refused += 1; // zod refused a junk emptyReason: not a structurally valid bundle
          return;
        }
        const summary = summarize(parsed.value);
        expect(() => JSON.stringify(summary)).not.toThrow();
        if (allergyIds.length > 0) {
          if (summary.allergies.status !== 'entries')
            throw new Error(`allergies ${summary.allergies.status}`);
          const shown = summary.allergies.items.map((a) => a.id).filter((id) => allergyIds.includes(id));
          expect(shown.sort()).toEqual([...allergyIds].sort());
          for (const item of summary.allergies.items) expect(item.substance.text.length).toBeGreaterThan(0);
        }
        const medicationIds = s.medications.map((_, i) => `m${i}`);
        if (medicationIds.length > 0 && summary.medications.status === 'entries') {
          const shown = summary.medications.items.map((m) => m.id).filter((id) => medicationIds.includes(id));
          expect(shown.sort()).toEqual([...medicationIds].sort());
        }
        const tier = parseIpsBundle(JSON.parse(JSON.stringify(emergencyTier(parsed.value))));
        expect(tier.ok).toBe(true);
        if (!tier.ok) return;
        const emergency = summarize(tier.value);
        expect(emergency.allergies).toEqual(summary.allergies);
        expect(emergency.medications).toEqual(summary.medications);
        expect(emergency.problems).toEqual(summary.problems);
      }),
      { numRuns: 150 },
    );
    expect(refused).toBeLessThan(75);
  });

  it('HZ-13 summarize never throws on any bundle that parses, whatever junk its resources hold', () => {
    const resource = fc.record({
      resourceType: fc.stringMatching(/^[A-Z][A-Za-z]{0,15}$/),
      body: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 }),
    });
    fc.assert(
      fc.property(fc.array(resource, { maxLength: 10 }), junk, (resources, compositionJunk) => {
        const bundle = {
          resourceType: 'Bundle',
          type: 'document',
          entry: [
            { resource: { ...compositionJunk, resourceType: 'Composition' } },
            ...resources.map((r) => ({ resource: { ...r.body, resourceType: r.resourceType } })),
          ],
        };
        const parsed = parseIpsBundle(JSON.parse(JSON.stringify(bundle)));
        if (!parsed.ok) return;
        expect(() => summarize(parsed.value)).not.toThrow();
        expect(() => emergencyTier(parsed.value)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
