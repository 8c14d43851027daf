/**
 * The few doses the ANSM thesaurus grades by: aspirin (antiplatelet 50–375 mg a day, analgesic
 * ≥ 500 mg a dose, anti-inflammatory ≥ 1 g a dose or ≥ 3 g a day) and methotrexate (≤ or
 * > 20 mg a week). Read from a strength ("75 mg", "1 g", "2,5 mg") in a BDPM dosage or a
 * record's text. Hand-written scanning (no regular expression) so any text is read in one pass.
 */

/**
 * Aspirin by strength of one unit: antiplatelet products are 75 to 300 mg a unit; from 330 mg
 * (Aspirine UPSA vitamine C) units are taken two at a time as analgesics, so more than 300 mg a
 * unit is read as an analgesic or anti-inflammatory dose (the thesaurus's antiplatelet range is
 * 50 to 375 mg a day).
 */
export type AspirinBand = 'antiplatelet' | 'analgesic-or-more';
/** Methotrexate by weekly dose. */
export type MethotrexateBand = 'up-to-20-mg-week' | 'over-20-mg-week';

export interface DoseBands {
  readonly aspirin?: AspirinBand;
  readonly methotrexate?: MethotrexateBand;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || c === 'µ';

/** Every strength written in the text, in milligrams ("75 mg" → 75, "1 g" → 1000, "2,5mg" → 2.5). */
export function strengthsMg(text: string): number[] {
  const t = text.toLowerCase();
  const out: number[] = [];
  let i = 0;
  while (i < t.length) {
    if (!isDigit(t.charAt(i)) || (i > 0 && (isLetter(t.charAt(i - 1)) || isDigit(t.charAt(i - 1))))) {
      i++;
      continue;
    }
    let j = i;
    while (j < t.length && isDigit(t.charAt(j))) j++;
    let number = t.slice(i, j);
    if ((t.charAt(j) === ',' || t.charAt(j) === '.') && isDigit(t.charAt(j + 1))) {
      let k = j + 1;
      while (k < t.length && isDigit(t.charAt(k))) k++;
      number = `${number}.${t.slice(j + 1, k)}`;
      j = k;
    }
    let k = j;
    while (t.charAt(k) === ' ') k++;
    let u = k;
    while (u < t.length && isLetter(t.charAt(u))) u++;
    const unit = t.slice(k, u);
    const value = Number(number);
    if (unit === 'mg') out.push(value);
    else if (unit === 'g') out.push(value * 1000);
    else if (unit === 'µg' || unit === 'mcg') out.push(value / 1000);
    i = u > j ? u : j;
  }
  return out;
}

const WEEK_WORDS = [
  'semaine',
  'sem',
  'week',
  'weekly',
  'hebdomadaire',
  'woche',
  'wochentlich',
  'semana',
  'semanal',
  'settimana',
  'settimanale',
];

/** True when the text says the dose is weekly ("par semaine", "/week", "hebdomadaire"…). */
export function saysWeekly(text: string): boolean {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z]+/);
  return words.some((w) => WEEK_WORDS.includes(w));
}

export function aspirinBand(strengthMg: number): AspirinBand {
  return strengthMg <= 300 ? 'antiplatelet' : 'analgesic-or-more';
}

export function methotrexateBand(weeklyMg: number): MethotrexateBand {
  return weeklyMg > 20 ? 'over-20-mg-week' : 'up-to-20-mg-week';
}

/** Number of numbers written in the text ("2,5" is one). */
function countNumbers(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const prev = i > 0 ? text.charAt(i - 1) : '';
    const beforePrev = i > 1 ? text.charAt(i - 2) : '';
    const continues = isDigit(prev) || ((prev === ',' || prev === '.') && isDigit(beforePrev));
    if (isDigit(c) && !continues) n++;
  }
  return n;
}

/**
 * A weekly dose written as one strength and a week word ("25 mg par semaine", "15 mg once
 * weekly"). Undefined when the text also counts units ("10 comprimés de 2,5 mg par semaine"):
 * the weekly total is then not read, and the worst level applies.
 */
export function weeklyDoseMg(text: string): number | undefined {
  if (!saysWeekly(text)) return undefined;
  const strengths = strengthsMg(text);
  if (strengths.length !== 1 || countNumbers(text) !== 1) return undefined;
  return strengths[0];
}
