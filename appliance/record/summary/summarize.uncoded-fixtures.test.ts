import { describe, expect, it } from 'vitest';
import { fixtureNames, loadFixture } from '../ips/fixtures.testing.ts';
import { parseIpsBundle } from '../ips/parse.ts';
import { emergencyTier } from '../ips/tiers.ts';
import type { IpsBundle } from '../ips/types.ts';
import { summarize } from './summarize.ts';
import type { Summary } from './types.ts';

function parsed(value: unknown): IpsBundle {
  const result = parseIpsBundle(value);
  if (!result.ok) throw new Error(`${result.error.code} at ${result.error.where}`);
  return result.value;
}

/** The bundle with `section.code` removed from every Composition section, nested ones included. */
function withoutSectionCodes(json: unknown): unknown {
  const copy = structuredClone(json) as { entry: { resource: { section?: unknown[] } }[] };
  const strip = (sections: unknown[] | undefined): void => {
    for (const s of sections ?? []) {
      const section = s as { code?: unknown; section?: unknown[] };
      delete section.code;
      strip(section.section);
    }
  };
  strip(copy.entry[0]?.resource.section);
  return copy;
}

const PLACED = [
  'allergies',
  'medications',
  'problems',
  'pastIllnesses',
  'devices',
  'advanceDirectives',
  'alerts',
  'immunizations',
  'results',
  'vitalSigns',
  'otherSections',
] as const;
const placed = (s: Summary): Partial<Summary> => Object.fromEntries(PLACED.map((k) => [k, s[k]]));

describe('HZ-02 every real bundle read without its section codes', () => {
  for (const name of fixtureNames()) {
    it(`HZ-02 ${name}: same sections, same items, and the same emergency view`, () => {
      const coded = summarize(parsed(loadFixture(name)));
      const uncoded = parsed(withoutSectionCodes(loadFixture(name)));
      const summary = summarize(uncoded);
      expect({ ...placed(summary), otherSections: summary.otherSections?.map((o) => o.title) }).toEqual({
        ...placed(coded),
        otherSections: coded.otherSections?.map((o) => o.title),
      });
      const emergency = summarize(parsed(JSON.parse(JSON.stringify(emergencyTier(uncoded)))));
      expect(emergency.allergies).toEqual(coded.allergies);
      expect(emergency.medications).toEqual(coded.medications);
      expect(emergency.problems).toEqual(coded.problems);
    });
  }
});
