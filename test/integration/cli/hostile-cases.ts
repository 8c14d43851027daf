/**
 * A generated corpus of hostile keys (HZ-13): each case is a file given to `baladeur key read`
 * (or inspect) and the exit code it must end with. Built from one valid container so every layer
 * is reached: image → FAT → container JSON → JOSE → decrypted content → FHIR.
 */
import { formatPatientCode, type PatientCode } from '../../../appliance/record/code/patient-code.ts';
import type { DevPki } from '../../../appliance/dev/pki/dev-pki.ts';
import { codeCases } from './hostile-cases-codes.ts';
import { containerCases } from './hostile-cases-container.ts';
import { contentCases } from './hostile-cases-content.ts';
import { mediumCases } from './hostile-cases-medium.ts';
import { hostileKit, inImage, type HostileCase } from './hostile-kit.ts';

export type { HostileCase } from './hostile-kit.ts';

export async function hostileCases(pki: DevPki): Promise<{ cases: HostileCase[]; code: PatientCode }> {
  const kit = await hostileKit(pki);
  const cases: HostileCase[] = [
    ...mediumCases(kit),
    ...containerCases(kit),
    ...(await contentCases(kit)),
    ...codeCases(kit),
  ];
  // The same container-level failures, reached through a FAT image rather than a bare file.
  const throughFat = [
    'version 2',
    'nesting bomb of objects',
    'tiers swapped',
    'unsigned bundle (HZ-04)',
    'signed Patient instead of a Bundle',
    'wrong code',
  ];
  for (const c of cases.filter((x) => throughFat.includes(x.name))) {
    cases.push({ ...c, name: `${c.name}, in a FAT image`, bytes: inImage(c.bytes) });
  }
  return { cases, code: formatPatientCode(kit.code) as PatientCode };
}
