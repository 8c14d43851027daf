import { table } from '../../common/table.ts';
import { arr, at, objects, str } from './read.ts';

/** The summary categories that IPS sections map to. */
export type Category =
  | 'allergies'
  | 'medications'
  | 'problems'
  | 'pastIllnesses'
  | 'devices'
  | 'results'
  | 'vitalSigns'
  | 'advanceDirectives'
  | 'alerts'
  | 'immunizations'
  | 'procedures';

export const CATEGORIES: readonly Category[] = [
  'allergies',
  'medications',
  'problems',
  'pastIllnesses',
  'devices',
  'results',
  'vitalSigns',
  'advanceDirectives',
  'alerts',
  'immunizations',
  'procedures',
];

/** IPS section codes (LOINC), IPS IG 1.1 Composition-uv-ips slices. */
export const SECTION_CODES: Readonly<Record<Category, { readonly loinc: string; readonly title: string }>> = {
  allergies: { loinc: '48765-2', title: 'Allergies and Intolerances' },
  medications: { loinc: '10160-0', title: 'Medication Summary' },
  problems: { loinc: '11450-4', title: 'Problem List' },
  pastIllnesses: { loinc: '11348-0', title: 'History of Past Illness' },
  devices: { loinc: '46264-8', title: 'Medical Devices' },
  results: { loinc: '30954-2', title: 'Results' },
  vitalSigns: { loinc: '8716-3', title: 'Vital Signs' },
  advanceDirectives: { loinc: '42348-3', title: 'Advance Directives' },
  alerts: { loinc: '104605-1', title: 'Alerts' },
  immunizations: { loinc: '11369-6', title: 'Immunizations' },
  procedures: { loinc: '47519-4', title: 'History of Procedures' },
};

const BY_LOINC = new Map<string, Category>(CATEGORIES.map((c) => [SECTION_CODES[c].loinc, c]));

/** The category of a Composition.section, from its LOINC code (any coding carrying it). */
export function sectionCategory(section: unknown): Category | undefined {
  for (const coding of objects(at(at(section, 'code'), 'coding'))) {
    const code = str(coding['code']);
    const hit = code === undefined ? undefined : BY_LOINC.get(code);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The resource types whose place in the summary does not depend on the section listing them. */
export const HOME_CATEGORY: Readonly<Record<string, Category>> = table({
  AllergyIntolerance: 'allergies',
  MedicationStatement: 'medications',
  MedicationRequest: 'medications',
  DeviceUseStatement: 'devices',
  Flag: 'alerts',
  Immunization: 'immunizations',
  Procedure: 'procedures',
  Consent: 'advanceDirectives',
});

/** Blood group observations: ABO+Rh 882-1, ABO 883-9, Rh 10331-7 (LOINC). */
export const BLOOD_GROUP_LOINC: ReadonlySet<string> = new Set(['882-1', '883-9', '10331-7']);

export function isBloodGroupObservation(resource: unknown): boolean {
  if (at(resource, 'resourceType') !== 'Observation') return false;
  return objects(at(at(resource, 'code'), 'coding')).some((c) => {
    const code = str(c['code']);
    return code !== undefined && BLOOD_GROUP_LOINC.has(code);
  });
}

/** Composition.section, flattened (nested `section.section` follow their parent). */
export function flattenSections(
  sections: unknown,
): readonly { readonly section: object; readonly path: number[] }[] {
  const out: { section: object; path: number[] }[] = [];
  const stack: { value: unknown; path: number[] }[] = arr(sections)
    .map((value, i) => ({ value, path: [i] }))
    .reverse();
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: number[] };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    out.push({ section: value, path });
    const children = arr(at(value, 'section'));
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push({ value: children[i], path: [...path, i] });
  }
  return out;
}
