/**
 * Reference resolution on hostile bundles takes time linear in their size (issue 15): a long
 * RESTful fullUrl with many relative references in its entry, and many contained resources with
 * many `#id` references, were quadratic (1.4 MB: 5.5 s to summarise, 15 s for the emergency tier).
 */
import { describe, expect, it } from 'vitest';
import { timeGrowth } from '../../common/linear-time.testing.ts';
import { summarize } from '../summary/summarize.ts';
import { craftBundle } from './fixtures.testing.ts';
import { indexBundle } from './resolve.ts';
import { emergencyTier } from './tiers.ts';
import type { IpsBundle } from './types.ts';

const summaryAndTier = (bundle: IpsBundle): void => {
  summarize(bundle);
  emergencyTier(bundle);
};

/** One entry whose RESTful base is n characters long and which holds n relative references. */
function longBaseManyReferences(n: number): IpsBundle {
  return craftBundle(
    [{ loinc: '48765-2', refs: ['Observation/o'] }],
    [
      {
        fullUrl: `https://x.example/${'a/'.repeat(n / 2)}Observation/o`,
        resource: {
          resourceType: 'Observation',
          id: 'o',
          code: { text: 'c' },
          note: Array.from({ length: n }, (_, i) => ({
            authorReference: { reference: `Practitioner/p${i}` },
          })),
        },
      },
    ],
  );
}

/** One entry with n contained resources and n `#id` references that match none. */
function manyContainedManyReferences(n: number): IpsBundle {
  return craftBundle(
    [{ loinc: '10160-0', refs: ['urn:uuid:m'] }],
    [
      {
        fullUrl: 'urn:uuid:m',
        resource: {
          resourceType: 'MedicationStatement',
          status: 'active',
          contained: Array.from({ length: n }, (_, i) => ({ resourceType: 'Medication', id: `m${i}` })),
          medicationReference: { reference: '#m0' },
          note: Array.from({ length: n }, (_, i) => ({ authorReference: { reference: `#none${i}` } })),
        },
      },
    ],
  );
}

describe('reference resolution on hostile bundles', () => {
  it('HZ-13 a long RESTful base with many relative references: time grows linearly', () => {
    const verdict = timeGrowth(summaryAndTier, longBaseManyReferences, { from: 1024, upTo: 65_536 });
    expect(verdict.linear, verdict.detail).toBe(true);
  });

  it('HZ-13 many contained resources and many #id references: time grows linearly', () => {
    const verdict = timeGrowth(summaryAndTier, manyContainedManyReferences, { from: 1024, upTo: 65_536 });
    expect(verdict.linear, verdict.detail).toBe(true);
  });

  it('still resolves a relative reference against the RESTful base and #id against contained', () => {
    const bundle = craftBundle(
      [],
      [
        { fullUrl: 'https://fhir.example/r4/Practitioner/p1', resource: { resourceType: 'Practitioner' } },
        {
          fullUrl: 'https://fhir.example/r4/MedicationStatement/s1',
          resource: {
            resourceType: 'MedicationStatement',
            contained: [
              { resourceType: 'Medication', id: 'med', code: { text: 'first' } },
              { resourceType: 'Medication', id: 'med', code: { text: 'second' } },
            ],
          },
        },
      ],
    );
    const index = indexBundle(bundle);
    const statement = index.entries.find((e) => e.resource.resourceType === 'MedicationStatement');
    expect(index.resolveEntry('Practitioner/p1', statement)?.key).toBe(
      'https://fhir.example/r4/Practitioner/p1',
    );
    const contained = index.resolve('#med', statement);
    expect(contained?.kind === 'contained' ? contained.resource['code'] : undefined).toEqual({
      text: 'first',
    });
    expect(index.resolve('#nothing', statement)).toBeUndefined();
  });
});
