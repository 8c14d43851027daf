/**
 * Words for dose timing in the five kiosk languages, written for Baladeur (our own wording, no
 * third-party text). Codes are FHIR R4's: units-of-time (UCUM), EventTiming, days-of-week, and
 * the v3 GTSAbbreviation codes a Timing.code commonly carries.
 */
import type { Language } from '../languages.ts';
import type { PeriodUnit } from './dosage-types.ts';

/** [singular, plural] of each period unit. */
export const UNIT_WORDS: Readonly<Record<Language, Readonly<Record<PeriodUnit, readonly [string, string]>>>> =
  {
    fr: {
      s: ['seconde', 'secondes'],
      min: ['minute', 'minutes'],
      h: ['heure', 'heures'],
      d: ['jour', 'jours'],
      wk: ['semaine', 'semaines'],
      mo: ['mois', 'mois'],
      a: ['an', 'ans'],
    },
    en: {
      s: ['second', 'seconds'],
      min: ['minute', 'minutes'],
      h: ['hour', 'hours'],
      d: ['day', 'days'],
      wk: ['week', 'weeks'],
      mo: ['month', 'months'],
      a: ['year', 'years'],
    },
    de: {
      s: ['Sekunde', 'Sekunden'],
      min: ['Minute', 'Minuten'],
      h: ['Stunde', 'Stunden'],
      d: ['Tag', 'Tage'],
      wk: ['Woche', 'Wochen'],
      mo: ['Monat', 'Monate'],
      a: ['Jahr', 'Jahre'],
    },
    es: {
      s: ['segundo', 'segundos'],
      min: ['minuto', 'minutos'],
      h: ['hora', 'horas'],
      d: ['día', 'días'],
      wk: ['semana', 'semanas'],
      mo: ['mes', 'meses'],
      a: ['año', 'años'],
    },
    it: {
      s: ['secondo', 'secondi'],
      min: ['minuto', 'minuti'],
      h: ['ora', 'ore'],
      d: ['giorno', 'giorni'],
      wk: ['settimana', 'settimane'],
      mo: ['mese', 'mesi'],
      a: ['anno', 'anni'],
    },
  };

/** "per day" for a period of one unit. */
export const PER_UNIT: Readonly<Record<Language, Readonly<Record<PeriodUnit, string>>>> = {
  fr: {
    s: 'par seconde',
    min: 'par minute',
    h: 'par heure',
    d: 'par jour',
    wk: 'par semaine',
    mo: 'par mois',
    a: 'par an',
  },
  en: {
    s: 'per second',
    min: 'per minute',
    h: 'per hour',
    d: 'per day',
    wk: 'per week',
    mo: 'per month',
    a: 'per year',
  },
  de: {
    s: 'pro Sekunde',
    min: 'pro Minute',
    h: 'pro Stunde',
    d: 'pro Tag',
    wk: 'pro Woche',
    mo: 'pro Monat',
    a: 'pro Jahr',
  },
  es: {
    s: 'por segundo',
    min: 'por minuto',
    h: 'por hora',
    d: 'al día',
    wk: 'a la semana',
    mo: 'al mes',
    a: 'al año',
  },
  it: {
    s: 'al secondo',
    min: 'al minuto',
    h: 'all’ora',
    d: 'al giorno',
    wk: 'alla settimana',
    mo: 'al mese',
    a: 'all’anno',
  },
};

/** French "tous les 3 jours" / "toutes les 8 heures": the unit's gender. */
export const FR_FEMININE: ReadonlySet<PeriodUnit> = new Set(['s', 'min', 'h', 'wk']);

export interface TimingPhrases {
  /** "n times" (n ≥ 1), "n-m times". */
  readonly times: (n: string) => string;
  /** Timing.repeat.count 1: a single occurrence, whatever the rate. */
  readonly once: string;
  /**
   * Timing.repeat.count 1 beside a rate (a period unit): FHIR R4 says a single occurrence, but
   * senders write it for "once a day" (the IPS IG's own examples do), so both readings are shown.
   */
  readonly onceWithRate: (rate: string) => string;
  /** Timing.repeat.count n > 1: "n times in total". */
  readonly timesInTotal: (n: string) => string;
  /** "every {n} {units}" */
  readonly every: (n: string, unit: PeriodUnit, plural: boolean) => string;
  readonly at: (times: string) => string;
  readonly on: (days: string) => string;
  readonly asNeeded: string;
  readonly asNeededFor: (reason: string) => string;
  readonly range: (low: string, high: string) => string;
}

export const PHRASES: Readonly<Record<Language, TimingPhrases>> = {
  fr: {
    times: (n) => `${n} fois`,
    once: 'une fois',
    onceWithRate: (rate) => `une fois (codé aussi « ${rate} » : à vérifier)`,
    timesInTotal: (n) => `${n} fois au total`,
    every: (n, unit, plural) =>
      `${FR_FEMININE.has(unit) ? 'toutes les' : 'tous les'} ${n} ${UNIT_WORDS.fr[unit][plural ? 1 : 0]}`,
    at: (t) => `à ${t}`,
    on: (d) => `le ${d}`,
    asNeeded: 'si besoin',
    asNeededFor: (r) => `si besoin : ${r}`,
    range: (l, h) => `${l} à ${h}`,
  },
  en: {
    times: (n) => (n === '1' ? 'once' : `${n} times`),
    once: 'once',
    onceWithRate: (rate) => `once (also coded "${rate}": check)`,
    timesInTotal: (n) => `${n} times in total`,
    every: (n, unit, plural) => `every ${n} ${UNIT_WORDS.en[unit][plural ? 1 : 0]}`,
    at: (t) => `at ${t}`,
    on: (d) => `on ${d}`,
    asNeeded: 'as needed',
    asNeededFor: (r) => `as needed for ${r}`,
    range: (l, h) => `${l} to ${h}`,
  },
  de: {
    times: (n) => `${n}-mal`,
    once: 'einmalig',
    onceWithRate: (rate) => `einmalig (auch kodiert »${rate}«: prüfen)`,
    timesInTotal: (n) => `insgesamt ${n}-mal`,
    every: (n, unit, plural) => `alle ${n} ${UNIT_WORDS.de[unit][plural ? 1 : 0]}`,
    at: (t) => `um ${t}`,
    on: (d) => `am ${d}`,
    asNeeded: 'bei Bedarf',
    asNeededFor: (r) => `bei Bedarf: ${r}`,
    range: (l, h) => `${l} bis ${h}`,
  },
  es: {
    times: (n) => (n === '1' ? '1 vez' : `${n} veces`),
    once: 'una vez',
    onceWithRate: (rate) => `una vez (codificado también «${rate}»: verificar)`,
    timesInTotal: (n) => `${n} veces en total`,
    every: (n, unit, plural) => `cada ${n} ${UNIT_WORDS.es[unit][plural ? 1 : 0]}`,
    at: (t) => `a las ${t}`,
    on: (d) => `el ${d}`,
    asNeeded: 'si es necesario',
    asNeededFor: (r) => `si es necesario: ${r}`,
    range: (l, h) => `${l} a ${h}`,
  },
  it: {
    times: (n) => (n === '1' ? '1 volta' : `${n} volte`),
    once: 'una volta',
    onceWithRate: (rate) => `una volta (codificato anche «${rate}»: verificare)`,
    timesInTotal: (n) => `${n} volte in totale`,
    every: (n, unit, plural) => `ogni ${n} ${UNIT_WORDS.it[unit][plural ? 1 : 0]}`,
    at: (t) => `alle ${t}`,
    on: (d) => `il ${d}`,
    asNeeded: 'al bisogno',
    asNeededFor: (r) => `al bisogno: ${r}`,
    range: (l, h) => `da ${l} a ${h}`,
  },
};

type Words = Readonly<Record<Language, string>>;
const w = (fr: string, en: string, de: string, es: string, it: string): Words => ({ fr, en, de, es, it });

/** FHIR R4 EventTiming codes (the commonest; others are shown as their code). */
export const EVENT_TIMING: Readonly<Record<string, Words>> = {
  MORN: w('le matin', 'in the morning', 'morgens', 'por la mañana', 'al mattino'),
  AFT: w('l’après-midi', 'in the afternoon', 'nachmittags', 'por la tarde', 'al pomeriggio'),
  EVE: w('le soir', 'in the evening', 'abends', 'por la noche', 'alla sera'),
  NIGHT: w('la nuit', 'at night', 'nachts', 'de madrugada', 'di notte'),
  HS: w('au coucher', 'at bedtime', 'vor dem Schlafengehen', 'al acostarse', 'prima di coricarsi'),
  WAKE: w('au réveil', 'on waking', 'nach dem Aufstehen', 'al despertar', 'al risveglio'),
  C: w('au repas', 'with a meal', 'zur Mahlzeit', 'con una comida', 'durante il pasto'),
  CM: w('au petit-déjeuner', 'with breakfast', 'zum Frühstück', 'con el desayuno', 'a colazione'),
  CD: w('au déjeuner', 'with lunch', 'zum Mittagessen', 'con la comida', 'a pranzo'),
  CV: w('au dîner', 'with dinner', 'zum Abendessen', 'con la cena', 'a cena'),
  AC: w('avant le repas', 'before a meal', 'vor der Mahlzeit', 'antes de una comida', 'prima del pasto'),
  ACM: w(
    'avant le petit-déjeuner',
    'before breakfast',
    'vor dem Frühstück',
    'antes del desayuno',
    'prima di colazione',
  ),
  ACD: w('avant le déjeuner', 'before lunch', 'vor dem Mittagessen', 'antes de la comida', 'prima di pranzo'),
  ACV: w('avant le dîner', 'before dinner', 'vor dem Abendessen', 'antes de la cena', 'prima di cena'),
  PC: w('après le repas', 'after a meal', 'nach der Mahlzeit', 'después de una comida', 'dopo il pasto'),
  PCM: w(
    'après le petit-déjeuner',
    'after breakfast',
    'nach dem Frühstück',
    'después del desayuno',
    'dopo colazione',
  ),
  PCD: w('après le déjeuner', 'after lunch', 'nach dem Mittagessen', 'después de la comida', 'dopo pranzo'),
  PCV: w('après le dîner', 'after dinner', 'nach dem Abendessen', 'después de la cena', 'dopo cena'),
};

export const DAYS: Readonly<Record<string, Words>> = {
  mon: w('lundi', 'Monday', 'Montag', 'lunes', 'lunedì'),
  tue: w('mardi', 'Tuesday', 'Dienstag', 'martes', 'martedì'),
  wed: w('mercredi', 'Wednesday', 'Mittwoch', 'miércoles', 'mercoledì'),
  thu: w('jeudi', 'Thursday', 'Donnerstag', 'jueves', 'giovedì'),
  fri: w('vendredi', 'Friday', 'Freitag', 'viernes', 'venerdì'),
  sat: w('samedi', 'Saturday', 'Samstag', 'sábado', 'sabato'),
  sun: w('dimanche', 'Sunday', 'Sonntag', 'domingo', 'domenica'),
};

/** v3 GTSAbbreviation codes as frequency per period (http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation). */
export const GTS_CODES: Readonly<
  Record<string, { readonly frequency: number; readonly period: number; readonly periodUnit: PeriodUnit }>
> = {
  QD: { frequency: 1, period: 1, periodUnit: 'd' },
  BID: { frequency: 2, period: 1, periodUnit: 'd' },
  TID: { frequency: 3, period: 1, periodUnit: 'd' },
  QID: { frequency: 4, period: 1, periodUnit: 'd' },
  QOD: { frequency: 1, period: 2, periodUnit: 'd' },
  Q4H: { frequency: 1, period: 4, periodUnit: 'h' },
  Q6H: { frequency: 1, period: 6, periodUnit: 'h' },
  Q8H: { frequency: 1, period: 8, periodUnit: 'h' },
  WK: { frequency: 1, period: 1, periodUnit: 'wk' },
  MO: { frequency: 1, period: 1, periodUnit: 'mo' },
};

/** Dose units written out: UCUM annotations and the commonest authored unit words for a unit of presentation. */
export type PresentationUnit = 'tablet' | 'capsule' | 'puff' | 'drop';
export const DOSE_UNITS: Readonly<Record<PresentationUnit, readonly [Words, Words]>> = {
  tablet: [
    w('comprimé', 'tablet', 'Tablette', 'comprimido', 'compressa'),
    w('comprimés', 'tablets', 'Tabletten', 'comprimidos', 'compresse'),
  ],
  capsule: [
    w('gélule', 'capsule', 'Kapsel', 'cápsula', 'capsula'),
    w('gélules', 'capsules', 'Kapseln', 'cápsulas', 'capsule'),
  ],
  puff: [
    w('bouffée', 'puff', 'Hub', 'inhalación', 'erogazione'),
    w('bouffées', 'puffs', 'Hübe', 'inhalaciones', 'erogazioni'),
  ],
  drop: [
    w('goutte', 'drop', 'Tropfen', 'gota', 'goccia'),
    w('gouttes', 'drops', 'Tropfen', 'gotas', 'gocce'),
  ],
};
