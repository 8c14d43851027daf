/**
 * Summaries for the cross-check tests: small records made for the purpose, and a minimal
 * bundle → Summary reading of the shared IPS fixtures (allergies and medications only, the two
 * sections the cross-check reads), so these tests do not depend on the IPS helper's summarize().
 */
import type {
  AllergyItem,
  MedicationItem,
  Summary,
  SummaryConcept,
} from '../../../appliance/record/summary/types.ts';
import { ABSENT_SECTIONS } from '../../../appliance/record/summary/blank.ts';

export function concept(text: string, codings: SummaryConcept['codings'] = []): SummaryConcept {
  return { text, codings };
}

export function summaryOf(parts: { allergies?: AllergyItem[]; medications?: MedicationItem[] }): Summary {
  return {
    patient: {},
    authors: [],
    allergies:
      parts.allergies === undefined ? { status: 'absent' } : { status: 'entries', items: parts.allergies },
    medications:
      parts.medications === undefined
        ? { status: 'absent' }
        : { status: 'entries', items: parts.medications },
    ...ABSENT_SECTIONS,
  };
}

export function allergy(
  id: string,
  substance: SummaryConcept,
  extra: Partial<AllergyItem> = {},
): AllergyItem {
  return {
    id,
    substance,
    categories: ['medication'],
    criticality: 'high',
    clinicalStatus: 'active',
    reactions: [],
    ...extra,
  };
}

export function medication(
  id: string,
  med: SummaryConcept,
  extra: Partial<MedicationItem> = {},
): MedicationItem {
  return { id, medication: med, ingredients: [], status: 'active', source: 'MedicationStatement', ...extra };
}

type Json = Record<string, unknown>;
const asArray = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

function cc(v: unknown): SummaryConcept {
  const c = (v ?? {}) as Json;
  const codings = asArray(c['coding']).map((x) => ({
    ...(typeof x['system'] === 'string' ? { system: x['system'] } : {}),
    ...(typeof x['code'] === 'string' ? { code: x['code'] } : {}),
    ...(typeof x['display'] === 'string' ? { display: x['display'] } : {}),
  }));
  const text = typeof c['text'] === 'string' ? c['text'] : (codings[0]?.display ?? codings[0]?.code ?? '');
  return { text, codings };
}

/** Reads AllergyIntolerance, MedicationStatement/Request (+ referenced Medication) from a bundle. */
export function summaryFromBundle(bundle: Json): Summary {
  const entries = asArray(bundle['entry']);
  const byUrl = new Map(entries.map((e) => [e['fullUrl'] as string, e['resource'] as Json]));
  const allergies: AllergyItem[] = [];
  const medications: MedicationItem[] = [];
  entries.forEach((e, i) => {
    const r = e['resource'] as Json;
    if (r['resourceType'] === 'AllergyIntolerance') {
      const status = (r['clinicalStatus'] as Json | undefined)?.['coding'];
      allergies.push(
        allergy(`a${i}`, cc(r['code']), {
          criticality: (r['criticality'] as AllergyItem['criticality']) ?? 'unknown',
          ...(r['type'] !== undefined ? { type: r['type'] as 'allergy' | 'intolerance' } : {}),
          ...(asArray(status)[0]?.['code'] !== undefined
            ? { clinicalStatus: asArray(status)[0]?.['code'] as string }
            : {}),
          reactions: asArray(r['reaction']).map((x) => ({
            manifestations: asArray(x['manifestation']).map((m) => cc(m).text),
          })),
        }),
      );
    }
    if (r['resourceType'] === 'MedicationStatement' || r['resourceType'] === 'MedicationRequest') {
      let med = cc(r['medicationCodeableConcept']);
      let ingredients: SummaryConcept[] = [];
      const ref = (r['medicationReference'] as Json | undefined)?.['reference'];
      const target = typeof ref === 'string' ? byUrl.get(ref) : undefined;
      if (target !== undefined) {
        med = cc(target['code']);
        ingredients = asArray(target['ingredient']).map((x) => cc(x['itemCodeableConcept']));
      } else if (r['medicationReference'] !== undefined) {
        med = concept(((r['medicationReference'] as Json)['display'] as string | undefined) ?? '');
      }
      medications.push(
        medication(`m${i}`, med, {
          ingredients,
          status: r['status'] as string,
          source: r['resourceType'] as 'MedicationStatement',
        }),
      );
    }
  });
  return summaryOf({
    ...(allergies.length > 0 ? { allergies } : {}),
    ...(medications.length > 0 ? { medications } : {}),
  });
}
