/**
 * Each entry of a bundle as one line (resource type, what it names as authored, its dose text),
 * lines only in the old bundle as removed, only in the new one as added; a changed dose reads as
 * one removed and one added line. `key update` prints these for the entries the kiosk review has
 * no section for (change-text.ts prints the rest in the reader's language).
 */
import { isBloodGroupObservation } from '../ips/sections.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function conceptText(concept: unknown): string | undefined {
  if (!isObject(concept)) return undefined;
  if (typeof concept.text === 'string' && concept.text.trim() !== '') return concept.text.trim();
  const codings = Array.isArray(concept.coding) ? concept.coding : [];
  for (const coding of codings) {
    if (isObject(coding) && typeof coding.display === 'string') return coding.display;
    if (isObject(coding) && typeof coding.code === 'string') return coding.code;
  }
  return undefined;
}

function entryLine(resource: Json): string | undefined {
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource';
  if (type === 'Composition' || type === 'Patient') return undefined;
  const reference = isObject(resource.medicationReference) ? resource.medicationReference.display : undefined;
  const what =
    conceptText(resource.code) ??
    conceptText(resource.medicationCodeableConcept) ??
    (typeof reference === 'string' ? reference : undefined) ??
    conceptText(resource.vaccineCode) ??
    conceptText(resource.type) ??
    // No text to show: its id (no generated word of any language).
    `#${typeof resource.id === 'string' ? resource.id : '?'}`;
  const dosage = Array.isArray(resource.dosage)
    ? resource.dosage[0]
    : Array.isArray(resource.dosageInstruction)
      ? resource.dosageInstruction[0]
      : undefined;
  const dose = isObject(dosage) && typeof dosage.text === 'string' ? ` — ${dosage.text}` : '';
  const criticality =
    typeof resource.criticality === 'string' ? ` (criticality ${resource.criticality})` : '';
  return `${type}: ${what}${criticality}${dose}`;
}

function lines(bundle: unknown, keep: (resource: Json) => boolean = () => true): string[] {
  const entries = isObject(bundle) && Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries
    .flatMap((e) => (isObject(e) && isObject(e.resource) && keep(e.resource) ? [entryLine(e.resource)] : []))
    .filter((l): l is string => l !== undefined);
}

/** Resource types the kiosk review's sections cover (record/authoring/items.ts `changeLines`). */
const REVIEWED: ReadonlySet<string> = new Set([
  'Composition',
  'Patient',
  'AllergyIntolerance',
  'MedicationStatement',
  'MedicationRequest',
  'Medication',
  'Condition',
  'Device',
  'DeviceUseStatement',
  'Consent',
]);

const outsideReview = (resource: Json): boolean =>
  !REVIEWED.has(String(resource.resourceType)) && !isBloodGroupObservation(resource);

export interface RecordChanges {
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** Lines as multisets: an entry listed twice and kept once counts as one removed. */
export function recordChanges(before: unknown, after: unknown): RecordChanges {
  return lineChanges(lines(before), lines(after));
}

/** The changed entries the kiosk review has no section for (immunizations, results…). */
export function otherRecordChanges(before: unknown, after: unknown): RecordChanges {
  return lineChanges(lines(before, outsideReview), lines(after, outsideReview));
}

function lineChanges(left: readonly string[], right: readonly string[]): RecordChanges {
  const pending = [...right];
  const removed: string[] = [];
  for (const line of left) {
    const at = pending.indexOf(line);
    if (at >= 0) pending.splice(at, 1);
    else removed.push(line);
  }
  return { removed, added: pending };
}
