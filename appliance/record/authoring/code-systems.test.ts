/**
 * The code systems a record written at the kiosk carries (docs/key-format.md §12): the CIS code
 * under the ANS terminology server's BDPM system, the substance under the BDPM-site URI, the
 * author under the IdNat_PS OID; and a record written before the switch (legacy CIS system)
 * reads the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../common/app-root.ts';
import type { IpsBundle } from '../ips/types.ts';
import { summarize } from '../summary/summarize.ts';
import { applyEdits } from './edits.ts';
import { LEGACY_BDPM_CIS_SYSTEM } from './resources.ts';
import type { RecordAuthor, RecordEdit } from './types.ts';

const minimal = JSON.parse(
  fs.readFileSync(path.join(APP_ROOT, 'test/fixtures/ips/IPS_IG_bundle-minimal.json'), 'utf8'),
) as Record<string, unknown>;
const author: RecordAuthor = { name: 'Dr Claire MARTIN', nationalId: '810001234567', profession: 'doctor' };
const now = new Date('2026-12-03T10:00:00Z');

function edited(edits: RecordEdit[]): Record<string, unknown> {
  const result = applyEdits(minimal, edits, author, now);
  if (!result.ok) throw new Error(`edit ${result.error.index}: ${result.error.code}`);
  return result.value as Record<string, unknown>;
}
type Coding = { system?: string; code?: string };
const codingsOf = (bundle: Record<string, unknown>, resourceType: string): Coding[] =>
  (bundle.entry as { resource: Record<string, unknown> }[])
    .map((e) => e.resource)
    .filter((r) => r.resourceType === resourceType)
    .flatMap((r) => {
      const concept = (r.medicationCodeableConcept ?? r.code) as { coding?: Coding[] } | undefined;
      return concept?.coding ?? [];
    });

const withMedication = edited([
  {
    op: 'medication.add',
    product: { kind: 'bdpm', cis: '60234100', label: 'DOLIPRANE 1000 mg' },
    dose: '1 le soir',
  },
]);

describe('code systems written at the kiosk', () => {
  it('a BDPM product: CIS code under https://smt.esante.gouv.fr/terminologie-bdpm (ANS)', () => {
    expect(codingsOf(withMedication, 'MedicationStatement')).toContainEqual(
      expect.objectContaining({ system: 'https://smt.esante.gouv.fr/terminologie-bdpm', code: '60234100' }),
    );
  });

  it('a BDPM substance: the BDPM-site URI (no published FHIR system for BDPM substance codes)', () => {
    const b = edited([
      {
        op: 'allergy.add',
        substance: { kind: 'bdpm', code: '04545', label: 'AMOXICILLINE' },
        criticality: 'high',
      },
    ]);
    expect(codingsOf(b, 'AllergyIntolerance')).toContainEqual(
      expect.objectContaining({
        system: 'https://base-donnees-publique.medicaments.gouv.fr/substance',
        code: '04545',
      }),
    );
  });

  it('a record written with the earlier CIS system reads the same', () => {
    const legacy = JSON.parse(
      JSON.stringify(withMedication).replaceAll(
        'https://smt.esante.gouv.fr/terminologie-bdpm',
        LEGACY_BDPM_CIS_SYSTEM,
      ),
    ) as IpsBundle;
    expect(JSON.stringify(legacy)).toContain(LEGACY_BDPM_CIS_SYSTEM);
    const read = summarize(legacy);
    const current = summarize(withMedication as unknown as IpsBundle);
    const names = (s: typeof read) =>
      s.medications.status === 'entries' ? s.medications.items.map((m) => m.medication.text) : [];
    expect(names(read)).toContain('DOLIPRANE 1000 mg');
    expect(names(read)).toEqual(names(current));
  });
});
