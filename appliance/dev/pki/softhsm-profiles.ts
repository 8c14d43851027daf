/**
 * The development CPS-like cards on SoftHSM2 (issue 17): who they are, their 4-digit PINs and
 * what is wrong with some of them. Provisioned by softhsm-cards.ts; listed on the dock's /dev/state.
 */
import type { Profession } from '../../common/professions.ts';
import { luhnCheckDigit } from './profiles.ts';

export const SOFTHSM_PROFILES = [
  'cps-doctor',
  'cps-nurse',
  'cps-pharmacist',
  'cps-midwife',
  'cps-technician',
  'cps-expired',
  'cps-revoked',
  'cps-blocked',
] as const;
export type SoftHsmProfile = (typeof SOFTHSM_PROFILES)[number];

export interface SoftHsmCardEntry {
  readonly profile: SoftHsmProfile;
  readonly name: string;
  readonly nationalId: string;
  readonly profession: Profession;
  /** CPS PINs are 4 digits. */
  readonly pin: string;
  /** What this card is for, shown on the dock. */
  readonly note: string;
}

const rpps = (base10: string): string => `8${base10}${luhnCheckDigit(base10)}`;

export const SOFTHSM_CARD_ENTRIES: readonly SoftHsmCardEntry[] = [
  {
    profile: 'cps-doctor',
    name: 'Dr Claire MARTIN',
    nationalId: rpps('1000012345'),
    profession: 'doctor',
    pin: '1010',
    note: 'médecin (10)',
  },
  {
    profile: 'cps-nurse',
    name: 'Julie BERNARD',
    nationalId: rpps('1000023456'),
    profession: 'nurse',
    pin: '6060',
    note: 'infirmière (60)',
  },
  {
    profile: 'cps-pharmacist',
    name: 'Thomas PETIT',
    nationalId: rpps('1000034567'),
    profession: 'pharmacist',
    pin: '2121',
    note: 'pharmacien (21)',
  },
  {
    profile: 'cps-midwife',
    name: 'Sophie DUBOIS',
    nationalId: rpps('1000045678'),
    profession: 'midwife',
    pin: '5050',
    note: 'sage-femme (50)',
  },
  {
    profile: 'cps-technician',
    name: 'Marc LEROY',
    nationalId: 'T00000000042',
    profession: 'technician',
    pin: '9999',
    note: 'technicien Baladeur',
  },
  {
    profile: 'cps-expired',
    name: 'Paul MOREAU',
    nationalId: rpps('1000056789'),
    profession: 'nurse',
    pin: '6060',
    note: 'certificat expiré',
  },
  {
    profile: 'cps-revoked',
    name: 'Léa ROUSSEAU',
    nationalId: rpps('1000078901'),
    profession: 'nurse',
    pin: '6060',
    note: 'certificat révoqué (CRL)',
  },
  {
    profile: 'cps-blocked',
    name: 'Hugo FOURNIER',
    nationalId: rpps('1000089012'),
    profession: 'nurse',
    pin: '6060',
    note: 'PIN bloqué',
  },
];
