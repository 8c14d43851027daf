/**
 * Dose and timing in the reader's language, from the structure of a FHIR R4 Dosage (issue 19):
 * "2 comprimés, 3 fois par jour", "2 Tabletten, 3-mal pro Tag". The authored Dosage.text is not
 * translated: a caller shows it as authored when the structure says nothing.
 */
import { LOCALES, type Language } from '../languages.ts';
import type { DoseQuantity, DoseStructure, DosageStructure, TimingStructure } from './dosage-types.ts';
import {
  DAYS,
  DOSE_UNITS,
  EVENT_TIMING,
  GTS_CODES,
  PER_UNIT,
  PHRASES,
  type PresentationUnit,
} from './timing-words.ts';

const GTS_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 3, useGrouping: false }).format(
    value,
  );
}

/** UCUM annotations and authored words that name a unit of presentation we can write out. */
function presentationUnit(q: DoseQuantity): PresentationUnit | undefined {
  const candidates = [q.ucum, q.unit].map((u) => u?.toLowerCase().replace(/[{}]/g, '').trim());
  for (const c of candidates) {
    if (c === 'tablet' || c === 'tablets' || c === 'tbl' || c === 'tab') return 'tablet';
    if (c === 'capsule' || c === 'capsules' || c === 'caps') return 'capsule';
    if (c === 'puff' || c === 'puffs') return 'puff';
    if (c === 'drop' || c === 'drops' || c === 'gtt') return 'drop';
  }
  return undefined;
}

function quantityIn(q: DoseQuantity, language: Language): string {
  const n = formatNumber(q.value, language);
  const known = presentationUnit(q);
  if (known !== undefined) return `${n} ${DOSE_UNITS[known][q.value === 1 ? 0 : 1][language]}`;
  // UCUM symbols (mg, mL, [iU]) are the same in every language; "1" is the unity: no word.
  const unit = q.ucum !== undefined && q.ucum !== '1' ? q.ucum : q.unit;
  return unit === undefined || unit === '1' ? n : `${n} ${unit}`;
}

function doseIn(dose: DoseStructure, language: Language): string | undefined {
  switch (dose.kind) {
    case 'quantity':
      return quantityIn(dose.quantity, language);
    case 'range': {
      const low = dose.low && quantityIn(dose.low, language);
      const high = dose.high && quantityIn(dose.high, language);
      if (low !== undefined && high !== undefined) return PHRASES[language].range(low, high);
      return low ?? high;
    }
  }
}

function span(n: number, nMax: number | undefined, language: Language): string {
  const a = formatNumber(n, language);
  return nMax !== undefined && nMax > n ? `${a}-${formatNumber(nMax, language)}` : a;
}

/** "3 times per day", "every 8 hours"; undefined without a period unit. */
function rateIn(t: TimingStructure, language: Language): string | undefined {
  if (t.periodUnit === undefined) return undefined;
  const p = PHRASES[language];
  // FHIR R4 Timing.repeat: frequency defaults to 1; a period unit without a period is read as 1.
  const frequency = t.frequency ?? 1;
  const period = t.period ?? 1;
  const several = (t.periodMax !== undefined && t.periodMax > period) || period !== 1;
  const every = several
    ? p.every(span(period, t.periodMax, language), t.periodUnit, true)
    : PER_UNIT[language][t.periodUnit];
  const times = p.times(span(frequency, t.frequencyMax, language));
  return frequency === 1 && t.frequencyMax === undefined && several ? every : `${times} ${every}`;
}

/** Timing in words, or undefined when it has no structure we can say (its code's text is authored). */
export function formatTiming(timing: TimingStructure, language: Language): string | undefined {
  const p = PHRASES[language];
  const gts =
    timing.code?.system === GTS_SYSTEM && timing.code.code ? GTS_CODES[timing.code.code] : undefined;
  const t: TimingStructure = gts && timing.periodUnit === undefined ? { ...timing, ...gts } : timing;
  const parts: string[] = [];
  // FHIR R4 Timing.repeat.count is the total number of occurrences: count 1 is a single dose
  // ("once"); count n > 1 bounds the rate ("n times in total").
  const single = t.count === 1 && (t.countMax === undefined || t.countMax <= 1);
  const rate = rateIn(t, language);
  if (single) parts.push(rate === undefined ? p.once : p.onceWithRate(rate));
  else if (rate !== undefined) parts.push(rate);
  const when = t.when.map((code) => EVENT_TIMING[code]?.[language] ?? code);
  if (when.length > 0) parts.push(when.join(', '));
  if (t.timeOfDay.length > 0) parts.push(p.at(t.timeOfDay.map((x) => x.slice(0, 5)).join(', ')));
  if (t.dayOfWeek.length > 0) parts.push(p.on(t.dayOfWeek.map((d) => DAYS[d]?.[language] ?? d).join(', ')));
  const total =
    t.count !== undefined && !single ? p.timesInTotal(span(t.count, t.countMax, language)) : undefined;
  if (parts.length === 0) return total;
  return total === undefined ? parts.join(' ') : `${parts.join(' ')}, ${total}`;
}

/**
 * One dosage in the reader's words from its structure; `undefined` when the structure gives
 * neither dose nor timing (the caller then shows Dosage.text as authored).
 */
export function formatDosage(dosage: DosageStructure, language: Language): string | undefined {
  const dose = dosage.dose && doseIn(dosage.dose, language);
  const timing = dosage.timing && formatTiming(dosage.timing, language);
  if (dose === undefined && timing === undefined) return undefined;
  const parts = [dose, timing].filter((x): x is string => x !== undefined);
  if (dosage.asNeeded)
    parts.push(
      dosage.asNeeded.reason === undefined
        ? PHRASES[language].asNeeded
        : PHRASES[language].asNeededFor(dosage.asNeeded.reason),
    );
  return parts.join(', ');
}

/** One dosage as the reader's words (from structure) and the author's words (Dosage.text, patient instruction). */
export interface DosageLine {
  readonly words?: string;
  readonly authored?: string;
}

/**
 * Every dosage of a medication: the structure in the reader's words, and the authored text kept
 * beside it (never dropped: it is the author's instruction, our words are an aid — HZ-03, HZ-18).
 */
export function dosageLines(dosages: readonly DosageStructure[], language: Language): DosageLine[] {
  return dosages
    .map((d): DosageLine => {
      const words = formatDosage(d, language);
      const authored = [d.text, d.patientInstruction].filter((x) => x !== undefined).join(', ');
      return { ...(words !== undefined ? { words } : {}), ...(authored ? { authored } : {}) };
    })
    .filter((l) => l.words !== undefined || l.authored !== undefined);
}
