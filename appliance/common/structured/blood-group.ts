/**
 * A blood group named by its code in the reader's language (issue 19): "Blood group A Rh(D)
 * positive" reads "groupe A, Rhésus positif" to a French reader.
 *
 * Codes: the SNOMED CT findings the IPS value set for LOINC 882-1 lists (ABO with RhD), the
 * SNOMED CT ABO-only and RhD-only findings, and the LOINC answers for 882-1 (LL2972-9), 883-9
 * (LL2419-1) and 10331-7. Only the identifiers are used; the words are our own, written for
 * Baladeur and reviewed as HZ-19.
 */
import type { Language } from '../languages.ts';

export type Abo = 'A' | 'B' | 'AB' | 'O';
export type RhD = 'positive' | 'negative';
export interface BloodGroupValue {
  readonly abo?: Abo;
  readonly rh?: RhD;
}

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';

const SNOMED_GROUPS: Readonly<Record<string, BloodGroupValue>> = {
  '278149003': { abo: 'A', rh: 'positive' },
  '278152006': { abo: 'A', rh: 'negative' },
  '278150003': { abo: 'B', rh: 'positive' },
  '278153001': { abo: 'B', rh: 'negative' },
  '278151004': { abo: 'AB', rh: 'positive' },
  '278154007': { abo: 'AB', rh: 'negative' },
  '278147001': { abo: 'O', rh: 'positive' },
  '278148006': { abo: 'O', rh: 'negative' },
  '112144000': { abo: 'A' },
  '112149005': { abo: 'B' },
  '165743006': { abo: 'AB' },
  '58460004': { abo: 'O' },
  '165747007': { rh: 'positive' },
  '165746003': { rh: 'negative' },
};

const LOINC_ANSWERS: Readonly<Record<string, BloodGroupValue>> = {
  'LA21325-8': { abo: 'A', rh: 'positive' },
  'LA21326-6': { abo: 'A', rh: 'negative' },
  'LA21327-4': { abo: 'B', rh: 'positive' },
  'LA21328-2': { abo: 'B', rh: 'negative' },
  'LA21323-3': { abo: 'AB', rh: 'positive' },
  'LA21324-1': { abo: 'AB', rh: 'negative' },
  'LA21321-7': { abo: 'O', rh: 'positive' },
  'LA21322-5': { abo: 'O', rh: 'negative' },
  'LA19710-5': { abo: 'A' },
  'LA19709-7': { abo: 'B' },
  'LA28449-9': { abo: 'AB' },
  'LA19708-9': { abo: 'O' },
};

/** LOINC "Positive" / "Negative" answers: a blood group only as the value of 10331-7 (Rh type). */
const LOINC_RH_ANSWERS: Readonly<Record<string, RhD>> = { 'LA6576-8': 'positive', 'LA6577-6': 'negative' };
const LOINC_RH_TYPE = '10331-7';

interface Coding {
  readonly system?: string;
  readonly code?: string;
}

/**
 * The blood group the first known coding names. `observationCodes` are the Observation's own
 * codes: a LOINC Positive/Negative answer names an RhD type only under 10331-7.
 */
export function bloodGroupOf(
  valueCodings: readonly Coding[],
  observationCodes: readonly Coding[] = [],
): BloodGroupValue | undefined {
  const rhType = observationCodes.some((c) => c.system === LOINC && c.code === LOINC_RH_TYPE);
  for (const c of valueCodings) {
    if (c.code === undefined) continue;
    if (c.system === SNOMED && SNOMED_GROUPS[c.code]) return SNOMED_GROUPS[c.code];
    if (c.system === LOINC && LOINC_ANSWERS[c.code]) return LOINC_ANSWERS[c.code];
    const rh = c.system === LOINC && rhType ? LOINC_RH_ANSWERS[c.code] : undefined;
    if (rh !== undefined) return { rh };
  }
  return undefined;
}

interface GroupWords {
  readonly abo: (group: Abo) => string;
  readonly rh: Readonly<Record<RhD, string>>;
}

const WORDS: Readonly<Record<Language, GroupWords>> = {
  fr: { abo: (g) => `groupe ${g}`, rh: { positive: 'Rhésus positif', negative: 'Rhésus négatif' } },
  en: { abo: (g) => `group ${g}`, rh: { positive: 'RhD positive', negative: 'RhD negative' } },
  de: {
    abo: (g) => `Blutgruppe ${g === 'O' ? '0' : g}`,
    rh: { positive: 'Rhesus positiv', negative: 'Rhesus negativ' },
  },
  es: { abo: (g) => `grupo ${g}`, rh: { positive: 'Rh positivo', negative: 'Rh negativo' } },
  it: {
    abo: (g) => `gruppo ${g === 'O' ? '0' : g}`,
    rh: { positive: 'Rh positivo', negative: 'Rh negativo' },
  },
};

/** "groupe A, Rhésus positif", "Blutgruppe 0, Rhesus negativ" (German and Italian write group O as zero). */
export function bloodGroupWords(value: BloodGroupValue, language: Language): string | undefined {
  const w = WORDS[language];
  const parts = [value.abo && w.abo(value.abo), value.rh && w.rh[value.rh]].filter(
    (p): p is string => p !== undefined,
  );
  return parts.length === 0 ? undefined : parts.join(', ');
}

/** The blood group in the reader's words from its codes, or undefined when no coding is known. */
export function bloodGroupIn(
  item: {
    readonly valueCodings?: readonly Coding[];
    readonly observation: { readonly codings: readonly Coding[] };
  },
  language: Language,
): string | undefined {
  const value = bloodGroupOf(item.valueCodings ?? [], item.observation.codings);
  return value === undefined ? undefined : bloodGroupWords(value, language);
}

export const BLOOD_GROUP_TABLE = { snomed: SNOMED_GROUPS, loinc: LOINC_ANSWERS, loincRh: LOINC_RH_ANSWERS };
