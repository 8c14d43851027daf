/**
 * Code systems for BDPM codes (docs/key-format.md §12 says where each comes from). CIS: the ANS
 * terminology server's BDPM code system, as the ANS FHIR guides bind CIS codes. The BDPM's own
 * substance codes have no published FHIR system: this URI names the BDPM site. Records written
 * before carry `LEGACY_BDPM_CIS_SYSTEM`. The record writes them (record/authoring/resources.ts);
 * the cross-check reads a CIS code as the product it names (crosscheck/checks/profile.ts).
 */
export const BDPM_CIS_SYSTEM = 'https://smt.esante.gouv.fr/terminologie-bdpm';
export const LEGACY_BDPM_CIS_SYSTEM = 'https://base-donnees-publique.medicaments.gouv.fr/cis';
export const BDPM_SUBSTANCE_SYSTEM = 'https://base-donnees-publique.medicaments.gouv.fr/substance';

/** A CIS code (8 digits) in one of the systems above, or undefined. */
export function cisOf(system: string | undefined, code: string | undefined): string | undefined {
  if (system !== BDPM_CIS_SYSTEM && system !== LEGACY_BDPM_CIS_SYSTEM) return undefined;
  const trimmed = code?.trim() ?? '';
  return /^\d{8}$/.test(trimmed) ? trimmed : undefined;
}
