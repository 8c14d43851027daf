/**
 * What must never be found at rest: the patient-specific strings of the records used — names,
 * birth dates, identifiers, and the clinical text (codings' displays, `text` fields, narratives)
 * of every resource but the Composition's section scaffolding. Strings shorter than 6 characters
 * or that the kiosk ships itself (the page, the drug reference) are left out: they would match
 * for reasons that have nothing to do with a patient.
 */
import { scan } from './scan.ts';

const MIN_LENGTH = 6;
/** Keys whose string values are clinical or identifying. */
const CLINICAL_KEYS = new Set([
  'display',
  'text',
  'div',
  'family',
  'given',
  'birthDate',
  'value',
  'valueString',
  'note',
]);

function collect(node: unknown, key: string, into: Set<string>): void {
  if (typeof node === 'string') {
    if (!CLINICAL_KEYS.has(key)) return;
    const text = key === 'div' ? node.replace(/<[^>]*>/g, ' ') : node;
    for (const piece of text.split(/\s{2,}|\n/)) {
      const s = piece.trim();
      if (s.length >= MIN_LENGTH) into.add(s);
    }
    return;
  }
  if (Array.isArray(node)) for (const item of node) collect(item, key, into);
  else if (node !== null && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) collect(v, k, into);
}

/** The patient-specific strings of one IPS bundle. */
export function needlesOf(bundle: unknown): Set<string> {
  const found = new Set<string>();
  collect(bundle, '', found);
  return found;
}

/** Drops needles the kiosk ships itself (present in these reference files), returns the rest. */
export function withoutShipped(
  needles: Set<string>,
  shippedFiles: readonly string[],
): { kept: string[]; dropped: number } {
  const list = [...needles];
  const shipped = new Set(scan(shippedFiles, list).hits.map((h) => h.needle));
  const kept = list.filter((_n, i) => !shipped.has(i));
  return { kept, dropped: list.length - kept.length };
}
