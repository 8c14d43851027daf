/**
 * The structure of FHIR R4 Dosage elements, carried in the summary so that each reader sees dose
 * and timing in their own language (common/structured/format-dosage.ts). Dosage.text stays
 * `MedicationItem.dosage` (as authored).
 */
import type {
  DoseQuantity,
  DoseStructure,
  DosageStructure,
  PeriodUnit,
  TimingStructure,
} from '../../common/structured/dosage-types.ts';
import { arr, at, num, obj, objects, str } from '../ips/read.ts';
import type { SummaryCoding } from './types.ts';
import { conceptOf, conceptText } from './text.ts';

const UCUM = 'http://unitsofmeasure.org';
const PERIOD_UNITS: readonly PeriodUnit[] = ['s', 'min', 'h', 'd', 'wk', 'mo', 'a'];

function quantity(value: unknown): DoseQuantity | undefined {
  const q = obj(value);
  const n = num(q?.['value']);
  if (q === undefined || n === undefined) return undefined;
  const unit = str(q['unit']);
  const ucum = str(q['system']) === UCUM ? str(q['code']) : undefined;
  return { value: n, ...(unit !== undefined ? { unit } : {}), ...(ucum !== undefined ? { ucum } : {}) };
}

function dose(dosage: unknown): DoseStructure | undefined {
  for (const doseAndRate of objects(at(dosage, 'doseAndRate'))) {
    const q = quantity(doseAndRate['doseQuantity']);
    if (q !== undefined) return { kind: 'quantity', quantity: q };
    const range = obj(doseAndRate['doseRange']);
    const low = quantity(range?.['low']);
    const high = quantity(range?.['high']);
    if (low !== undefined || high !== undefined)
      return { kind: 'range', ...(low ? { low } : {}), ...(high ? { high } : {}) };
  }
  return undefined;
}

const strings = (value: unknown): string[] =>
  arr(value)
    .map(str)
    .filter((s): s is string => s !== undefined);

function timing(value: unknown): TimingStructure | undefined {
  const t = obj(value);
  if (t === undefined) return undefined;
  const repeat = obj(t['repeat']) ?? {};
  const unit = str(repeat['periodUnit']);
  const codeCoding = obj(arr(at(t['code'], 'coding'))[0]);
  const codeText = conceptText(t['code']);
  const code =
    codeCoding === undefined && codeText === undefined
      ? undefined
      : { code: str(codeCoding?.['code']), system: str(codeCoding?.['system']), text: codeText };
  const optional = (key: string, v: number | undefined) => (v === undefined ? {} : { [key]: v });
  const structure: TimingStructure = {
    ...optional('count', num(repeat['count'])),
    ...optional('countMax', num(repeat['countMax'])),
    ...optional('frequency', num(repeat['frequency'])),
    ...optional('frequencyMax', num(repeat['frequencyMax'])),
    ...optional('period', num(repeat['period'])),
    ...optional('periodMax', num(repeat['periodMax'])),
    ...(unit !== undefined && (PERIOD_UNITS as readonly string[]).includes(unit)
      ? { periodUnit: unit as PeriodUnit }
      : {}),
    when: strings(repeat['when']),
    timeOfDay: strings(repeat['timeOfDay']),
    dayOfWeek: strings(repeat['dayOfWeek']),
    ...(code !== undefined ? { code } : {}),
  };
  return structure;
}

function oneDosage(dosage: unknown): DosageStructure {
  const text = str(at(dosage, 'text'));
  const d = dose(dosage);
  const t = timing(at(dosage, 'timing'));
  const reason = conceptText(at(dosage, 'asNeededCodeableConcept'));
  const asNeeded =
    reason !== undefined ? { reason } : at(dosage, 'asNeededBoolean') === true ? {} : undefined;
  const instruction = str(at(dosage, 'patientInstruction'));
  return {
    ...(text !== undefined ? { text } : {}),
    ...(d !== undefined ? { dose: d } : {}),
    ...(t !== undefined ? { timing: t } : {}),
    ...(asNeeded !== undefined ? { asNeeded } : {}),
    ...(instruction !== undefined ? { patientInstruction: instruction } : {}),
  };
}

/** Every Dosage of a statement or request as structure, in order. */
export function dosageStructures(dosages: unknown): DosageStructure[] {
  return arr(dosages).map(oneDosage);
}

/** The codings of the first dosage route that has any. */
export function routeCodings(dosages: unknown): readonly SummaryCoding[] {
  for (const dosage of arr(dosages)) {
    const route = conceptOf(at(dosage, 'route'));
    if (route !== undefined && route.codings.length > 0) return route.codings;
  }
  return [];
}
