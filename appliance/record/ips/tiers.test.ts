import { describe, expect, it } from 'vitest';
import { summarize } from '../summary/summarize.ts';
import { craftBundle, fixtureNames, loadFixture } from './fixtures.testing.ts';
import { parseIpsBundle } from './parse.ts';
import { indexBundle, referencesIn } from './resolve.ts';
import { sectionCategory } from './sections.ts';
import { emergencyTier } from './tiers.ts';
import type { IpsBundle } from './types.ts';

function parsed(value: unknown): IpsBundle {
  const result = parseIpsBundle(value);
  if (!result.ok) throw new Error(`${result.error.code} at ${result.error.where}`);
  return result.value;
}

/** References that resolved in the source and no longer resolve in the tier. */
function lostReferences(source: IpsBundle, tier: IpsBundle): string[] {
  const before = indexBundle(source);
  const after = indexBundle(tier);
  const lost: string[] = [];
  for (const holder of after.entries) {
    const sourceHolder = before.entries.find((e) => e.key === holder.key);
    for (const ref of referencesIn(holder.resource)) {
      if (before.resolveEntry(ref, sourceHolder) === undefined) continue;
      if (after.resolveEntry(ref, holder) === undefined) lost.push(`${holder.key} -> ${ref}`);
    }
  }
  return lost;
}

describe('emergencyTier on every real bundle', () => {
  for (const name of fixtureNames()) {
    it(`HZ-02 ${name}: the tier is a valid IPS document with the same allergies, medications and problems`, () => {
      const json = loadFixture(name);
      const before = JSON.stringify(json);
      const bundle = parsed(json);
      const tier = emergencyTier(bundle);
      expect(JSON.stringify(json)).toBe(before);
      const reparsed = parsed(JSON.parse(JSON.stringify(tier)));
      const full = summarize(bundle);
      const emergency = summarize(reparsed);
      expect(emergency.allergies).toEqual(full.allergies);
      expect(emergency.medications).toEqual(full.medications);
      expect(emergency.problems).toEqual(full.problems);
      expect(emergency.devices).toEqual(full.devices);
      expect(emergency.bloodGroup).toEqual(full.bloodGroup);
      expect(emergency.advanceDirectives).toEqual(full.advanceDirectives);
      expect(emergency.alerts).toEqual(full.alerts);
      expect(emergency.contacts).toEqual(full.contacts);
      expect(emergency.authors).toEqual(full.authors);
      expect(emergency.patient).toEqual(full.patient);
      expect(emergency.immunizations).toEqual({ status: 'absent' });
      expect(lostReferences(bundle, reparsed)).toEqual([]);
      expect(reparsed.entry.length).toBeLessThanOrEqual(bundle.entry.length);
    });
  }

  it('keeps only emergency sections, with their narrative and emptyReason', () => {
    const tier = emergencyTier(parsed(loadFixture('IPS_IG_bundle-no-info-required-sections.json')));
    const sections = (tier.entry[0]?.resource['section'] ?? []) as Record<string, unknown>[];
    expect(sections.map(sectionCategory)).toEqual(['allergies', 'medications', 'problems']);
    expect(sections[0]?.['emptyReason']).toMatchObject({ text: 'No information available' });
    expect(sections[0]?.['text']).toBeDefined();
    expect(tier.entry.some((e) => e.resource.resourceType === 'Immunization')).toBe(false);
  });

  it('keeps the blood group observation in a results section holding nothing else', () => {
    const source = parsed(loadFixture('IPS_IG-bundle-01.json'));
    const tier = emergencyTier(source);
    const sections = (tier.entry[0]?.resource['section'] ?? []) as Record<string, unknown>[];
    const results = sections.find((s) => sectionCategory(s) === 'results');
    expect(results?.['entry']).toHaveLength(1);
    expect(JSON.stringify(results?.['text'])).toContain('Blood group A Rh(D) positive');
    expect(JSON.stringify(tier)).not.toContain('Hemoglobin A1c');
    expect(tier.entry.some((e) => e.resource.resourceType === 'Medication')).toBe(true);
  });

  it('adds a section for allergies no section listed, so they stay in the emergency view', () => {
    const source = craftBundle(
      [{ loinc: '11369-6', refs: [] }],
      [{ fullUrl: 'urn:uuid:a1', resource: { resourceType: 'AllergyIntolerance', code: { text: 'Latex' } } }],
    );
    const tier = emergencyTier(parsed(source));
    const sections = (tier.entry[0]?.resource['section'] ?? []) as Record<string, unknown>[];
    expect(sections.map(sectionCategory)).toEqual(['allergies']);
    expect(sections[0]?.['entry']).toEqual([{ reference: 'urn:uuid:a1' }]);
    expect(summarize(tier).allergies).toMatchObject({
      status: 'entries',
      items: [{ substance: { text: 'Latex' } }],
    });
  });
});
