/** Test helpers: the shared real IPS fixtures and a builder for crafted bundles. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ipsFixturesDir } from '../../dev/fixtures.ts';
import type { IpsBundle } from './types.ts';

const fixtureDir = (): string => ipsFixturesDir();

export function fixtureNames(): string[] {
  return readdirSync(fixtureDir())
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(fixtureDir(), name), 'utf8')) as unknown;
}

export interface SectionSpec {
  readonly loinc: string;
  readonly title?: string;
  readonly refs?: readonly string[];
  readonly emptyReason?: unknown;
  readonly div?: string;
}

/** A document bundle: Composition (urn:uuid:comp) + Patient (urn:uuid:pat) + the given entries. */
export function craftBundle(
  sections: readonly SectionSpec[],
  entries: readonly { fullUrl?: string; resource: { resourceType: string; [field: string]: unknown } }[],
  compositionExtra: Record<string, unknown> = {},
): IpsBundle {
  return {
    resourceType: 'Bundle',
    type: 'document',
    entry: [
      {
        fullUrl: 'urn:uuid:comp',
        resource: {
          resourceType: 'Composition',
          status: 'final',
          subject: { reference: 'urn:uuid:pat' },
          date: '2026-01-01',
          title: 'Crafted summary',
          author: [{ reference: 'urn:uuid:doc' }],
          section: sections.map((s) => ({
            title: s.title ?? s.loinc,
            code: { coding: [{ system: 'http://loinc.org', code: s.loinc }] },
            ...(s.div === undefined ? {} : { text: { status: 'generated', div: s.div } }),
            ...(s.refs === undefined ? {} : { entry: s.refs.map((reference) => ({ reference })) }),
            ...(s.emptyReason === undefined ? {} : { emptyReason: s.emptyReason }),
          })),
          ...compositionExtra,
        },
      },
      {
        fullUrl: 'urn:uuid:pat',
        resource: { resourceType: 'Patient', name: [{ family: 'Testpatient', given: ['Alex'] }] },
      },
      {
        fullUrl: 'urn:uuid:doc',
        resource: {
          resourceType: 'Practitioner',
          name: [{ family: 'Martin', given: ['Claire'], prefix: ['Dr'] }],
        },
      },
      ...entries,
    ],
  };
}
