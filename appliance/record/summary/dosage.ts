import { arr, at, num, obj, objects, str } from '../ips/read.ts';
import { conceptText, quantityText } from './text.ts';

const UNIT_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

function timesText(frequency: number, frequencyMax: number | undefined): string {
  if (frequencyMax !== undefined && frequencyMax > frequency) return `${frequency}-${frequencyMax} times`;
  return frequency === 1 ? 'once' : `${frequency} times`;
}

/** Timing as text: its code, else "2 times per day", "once every 2 weeks", "every 8 hours". */
function rateText(repeat: Record<string, unknown>, names: readonly [string, string]): string {
  // FHIR R4 Timing.repeat: frequency defaults to 1; a period unit without a period is read as 1.
  const frequency = num(repeat['frequency']) ?? 1;
  const period = num(repeat['period']) ?? 1;
  const periodMax = num(repeat['periodMax']);
  const times = timesText(frequency, num(repeat['frequencyMax']));
  const span =
    periodMax !== undefined && periodMax > period
      ? `every ${period}-${periodMax} ${names[1]}`
      : period === 1
        ? `per ${names[0]}`
        : `every ${period} ${names[1]}`;
  return frequency === 1 && period !== 1 ? span : `${times} ${span}`;
}

export function timingText(timing: unknown): string | undefined {
  const code = conceptText(at(timing, 'code'));
  if (code !== undefined) return code;
  const repeat = obj(at(timing, 'repeat'));
  if (repeat === undefined) return undefined;
  const unitCode = str(repeat['periodUnit']);
  const names = unitCode === undefined ? undefined : UNIT_NAMES[unitCode];
  const parts: string[] = [];
  // FHIR R4 Timing.repeat.count: occurrences in all; 1 is a single dose. Beside a rate it is
  // often meant as "once a day" (the IPS IG's own examples): both readings are shown.
  const count = num(repeat['count']);
  const rate = names === undefined ? undefined : rateText(repeat, names);
  if (count === 1) parts.push(rate === undefined ? 'once' : `once (also coded "${rate}": check)`);
  else if (rate !== undefined) parts.push(rate);
  const when = arr(repeat['when'])
    .map(str)
    .filter((w): w is string => w !== undefined);
  if (when.length > 0) parts.push(`(${when.join(', ')})`);
  const timeOfDay = arr(repeat['timeOfDay'])
    .map(str)
    .filter((w): w is string => w !== undefined);
  if (timeOfDay.length > 0) parts.push(`at ${timeOfDay.join(', ')}`);
  const days = arr(repeat['dayOfWeek'])
    .map(str)
    .filter((w): w is string => w !== undefined);
  if (days.length > 0) parts.push(`on ${days.join(', ')}`);
  const total = count !== undefined && count > 1 ? `${count} times in total` : undefined;
  if (parts.length === 0) return total;
  return total === undefined ? parts.join(' ') : `${parts.join(' ')}, ${total}`;
}

function doseText(dosage: unknown): string | undefined {
  for (const doseAndRate of objects(at(dosage, 'doseAndRate'))) {
    const quantity = quantityText(doseAndRate['doseQuantity']);
    if (quantity !== undefined) return quantity;
    const range = obj(doseAndRate['doseRange']);
    const low = quantityText(range?.['low']);
    const high = quantityText(range?.['high']);
    if (low !== undefined && high !== undefined) return `${low} to ${high}`;
    if (low !== undefined || high !== undefined) return low ?? high;
  }
  return undefined;
}

/** One Dosage as text: Dosage.text, else "dose, timing, as needed". */
export function oneDosageText(dosage: unknown): string | undefined {
  const text = str(at(dosage, 'text'));
  if (text !== undefined) return text;
  const parts: string[] = [];
  const dose = doseText(dosage);
  if (dose !== undefined) parts.push(dose);
  const timing = timingText(at(dosage, 'timing'));
  if (timing !== undefined) parts.push(timing);
  const asNeededFor = conceptText(at(dosage, 'asNeededCodeableConcept'));
  if (asNeededFor !== undefined) parts.push(`as needed for ${asNeededFor}`);
  else if (at(dosage, 'asNeededBoolean') === true) parts.push('as needed');
  const instruction = str(at(dosage, 'patientInstruction'));
  if (instruction !== undefined) parts.push(instruction);
  return parts.length === 0 ? undefined : parts.join(', ');
}

/** All dosages of a statement or request, joined with "; " in their order. */
export function dosageText(dosages: unknown): string | undefined {
  const texts = arr(dosages)
    .map(oneDosageText)
    .filter((t): t is string => t !== undefined);
  return texts.length === 0 ? undefined : texts.join('; ');
}

/** The route of the first dosage that names one. */
export function routeText(dosages: unknown): string | undefined {
  for (const dosage of arr(dosages)) {
    const route = conceptText(at(dosage, 'route'));
    if (route !== undefined) return route;
  }
  return undefined;
}
