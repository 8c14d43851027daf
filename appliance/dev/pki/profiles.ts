/**
 * The development people: profiles, names, national ids (RPPS with Luhn key) and PINs. Used by
 * appliance/dev/pki/dev-pki.ts (certificates) and the virtual cards; documented in docs/professional-cards.md.
 */
import type { Profession } from '../../common/professions.ts';

export const DEV_PROFILES = [
  'doctor',
  'nurse',
  'pharmacist',
  'midwife',
  'technician',
  'nurse-expired',
  'nurse-untrusted',
] as const;
export type DevProfile = (typeof DEV_PROFILES)[number];

export interface DevProfileEntry {
  readonly profile: DevProfile;
  readonly name: string;
  readonly nationalId: string;
  readonly profession: Profession;
  readonly pin: string;
}

/** Luhn check digit for a string of decimal digits (the RPPS number's last digit). */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isValidLuhn(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

const rpps = (base10: string): string => `8${base10}${luhnCheckDigit(base10)}`;

export const DEV_PROFILE_ENTRIES: readonly DevProfileEntry[] = [
  {
    profile: 'doctor',
    name: 'Dr Claire MARTIN',
    nationalId: rpps('1000012345'),
    profession: 'doctor',
    pin: '101010',
  },
  {
    profile: 'nurse',
    name: 'Julie BERNARD',
    nationalId: rpps('1000023456'),
    profession: 'nurse',
    pin: '606060',
  },
  {
    profile: 'pharmacist',
    name: 'Thomas PETIT',
    nationalId: rpps('1000034567'),
    profession: 'pharmacist',
    pin: '212121',
  },
  {
    profile: 'midwife',
    name: 'Sophie DUBOIS',
    nationalId: rpps('1000045678'),
    profession: 'midwife',
    pin: '505050',
  },
  {
    profile: 'technician',
    name: 'Marc LEROY',
    nationalId: 'T00000000042',
    profession: 'technician',
    pin: '999999',
  },
  {
    profile: 'nurse-expired',
    name: 'Paul MOREAU',
    nationalId: rpps('1000056789'),
    profession: 'nurse',
    pin: '606060',
  },
  {
    profile: 'nurse-untrusted',
    name: 'Emma GIRARD',
    nationalId: rpps('1000067890'),
    profession: 'nurse',
    pin: '606060',
  },
];
