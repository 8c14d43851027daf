/**
 * The before/after list `key update` prints: each entry of the bundle as one line (resource type,
 * what it names, its dose), lines only in the old bundle as removed, only in the new one as added.
 * A changed dose reads as one removed and one added line.
 */
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
    conceptText(resource.type) ??
    '(no text)';
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

function lines(bundle: unknown): string[] {
  const entries = isObject(bundle) && Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries
    .flatMap((e) => (isObject(e) && isObject(e.resource) ? [entryLine(e.resource)] : []))
    .filter((l): l is string => l !== undefined);
}

export interface RecordChanges {
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

/** Lines as multisets: an entry listed twice and kept once counts as one removed. */
export function recordChanges(before: unknown, after: unknown): RecordChanges {
  const left = lines(before);
  const right = lines(after);
  const pending = [...right];
  const removed: string[] = [];
  for (const line of left) {
    const at = pending.indexOf(line);
    if (at >= 0) pending.splice(at, 1);
    else removed.push(line);
  }
  return { removed, added: pending };
}

export function describeChanges(changes: RecordChanges): string {
  if (changes.removed.length === 0 && changes.added.length === 0) return 'no change to the entries\n';
  return [...changes.removed.map((l) => `- ${l}`), ...changes.added.map((l) => `+ ${l}`)].join('\n') + '\n';
}
