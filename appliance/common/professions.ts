/**
 * Professions as read from a professional card certificate. Codes follow the French
 * nomenclature TRE_G15-ProfessionSante (10 doctor, 21 pharmacist, 50 midwife, 60 nurse);
 * `technician` is a Baladeur role, not a health profession.
 */
export const PROFESSIONS = ['doctor', 'pharmacist', 'midwife', 'nurse', 'technician'] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const PROFESSION_CODES: Readonly<Record<Exclude<Profession, 'technician'>, string>> = {
  doctor: '10',
  pharmacist: '21',
  midwife: '50',
  nurse: '60',
};

export interface ProfessionalIdentity {
  /** Display name as in the certificate (e.g. "Dr Claire Martin"). */
  readonly name: string;
  /** National identifier: "8" + 11-digit RPPS for health professionals. */
  readonly nationalId: string;
  readonly profession: Profession;
  /** SHA-256 of the certificate (hex): binds a session to one card. */
  readonly certificateFingerprint: string;
  /**
   * The site mapping (its name) that gave an establishment card its role (config `staffMappings`);
   * absent when the certificate itself carries the profession.
   */
  readonly siteMapping?: string;
}
