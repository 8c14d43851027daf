import { arr, at, str } from '../ips/read.ts';
import type { Placed } from '../ips/route.ts';
import { conceptOf, resourceNarrative } from './text.ts';
import type { SummaryConcept } from './types.ts';

/** A stable id for an item: the resource id, else the holding entry's key, else the reference. */
export function placedId(placed: Placed): string {
  if (placed.kind === 'unresolved') return str(placed.reference['reference']) ?? 'unresolved-reference';
  const id = str(placed.resource.id);
  if (placed.holder.resource !== placed.resource) return `${placed.holder.key}#${id ?? 'contained'}`;
  return id ?? placed.holder.key;
}

/** "Unrecognised entry (Type/id)": what is shown when nothing better can be read (HZ-02). */
export function unrecognised(placed: Placed): string {
  if (placed.kind === 'unresolved') {
    return `Unrecognised entry (${str(placed.reference['reference']) ?? 'reference without target'})`;
  }
  const id = str(placed.resource.id);
  return `Unrecognised entry (${placed.resource.resourceType}/${id ?? placed.holder.key})`;
}

const CONCEPT_FIELDS = ['code', 'vaccineCode', 'medicationCodeableConcept'] as const;

/** The best text any resource offers: a coded concept, a description, its narrative, or the fallback. */
export function bestConcept(placed: Placed): SummaryConcept {
  if (placed.kind === 'unresolved') {
    const display = str(placed.reference['display']);
    return { text: display ?? unrecognised(placed), codings: [] };
  }
  const { resource } = placed;
  for (const field of CONCEPT_FIELDS) {
    const concept = conceptOf(resource[field]);
    if (concept !== undefined) return concept;
  }
  const described = str(resource['description']) ?? str(resource['title']) ?? resourceNarrative(resource);
  if (described !== undefined) return { text: described, codings: [] };
  const typed = conceptOf(resource['type']);
  if (typed !== undefined) return typed;
  const note = str(at(arr(resource['note'])[0], 'text'));
  return { text: note ?? unrecognised(placed), codings: [] };
}

/** A concept from a preferred field, else the resource's best text. */
export function conceptOr(value: unknown, placed: Placed): SummaryConcept {
  return conceptOf(value) ?? bestConcept(placed);
}
