import { HOME_CATEGORY, CATEGORIES, flattenSections, isBloodGroupObservation } from './sections.ts';
import { placeSection } from './section-place.ts';
import type { Category } from './sections.ts';
import { indexBundle, referencesIn, resolvedResource } from './resolve.ts';
import type { BundleIndex, IndexedEntry } from './resolve.ts';
import { arr, at, obj, type JsonObject } from './read.ts';
import type { FhirResource, IpsBundle } from './types.ts';

/** An item of a summary list: a resource (entry or contained) or a reference that resolved to nothing. */
export type Placed =
  | {
      readonly kind: 'resource';
      readonly resource: FhirResource;
      /** The bundle entry holding it (the container, for a contained resource). */
      readonly holder: IndexedEntry;
      /** The section's Reference that listed it, when a section did. */
      readonly reference?: JsonObject;
    }
  | { readonly kind: 'unresolved'; readonly reference: JsonObject };

export interface OtherSection {
  readonly section: JsonObject;
  readonly items: readonly Placed[];
}

/** Where every entry of the bundle goes in the summary. Shared by `summarize` and `emergencyTier`. */
export interface Routing {
  readonly index: BundleIndex;
  readonly composition: IndexedEntry | undefined;
  readonly patient: IndexedEntry | undefined;
  /** Source sections per category, in document order: by code, else by entries or title (section-place.ts). */
  readonly sections: Readonly<Record<Category, readonly JsonObject[]>>;
  readonly items: Readonly<Record<Category, readonly Placed[]>>;
  readonly otherSections: readonly OtherSection[];
  readonly bloodGroup: readonly IndexedEntry[];
  /** Entries shown nowhere and not merely supporting others: listed as "other resources". */
  readonly unlisted: readonly IndexedEntry[];
}

/** Types that only give context to others (who, what product, where). */
const SUPPORT_TYPES: ReadonlySet<string> = new Set([
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Medication',
  'Device',
  'Substance',
  'Location',
  'RelatedPerson',
]);

function emptyRecord<T>(): Record<Category, T[]> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, [] as T[]])) as unknown as Record<Category, T[]>;
}

export function routeBundle(bundle: IpsBundle): Routing {
  const index = indexBundle(bundle);
  const first = index.entries[0];
  const composition = first?.index === 0 && first.resource.resourceType === 'Composition' ? first : undefined;
  const patient =
    index.resolveEntry(at(composition?.resource, 'subject'), composition) ??
    index.entries.find((e) => e.resource.resourceType === 'Patient');

  const sections = emptyRecord<JsonObject>();
  const items = emptyRecord<Placed>();
  const otherSections: { section: JsonObject; items: Placed[] }[] = [];
  const placedIn = emptyRecord<FhirResource>();
  const placedAnywhere = new Set<FhirResource>();
  const inSection = new Set<number>();

  const place = (category: Category, item: Placed): void => {
    if (item.kind === 'resource') {
      if (placedIn[category].includes(item.resource)) return;
      placedIn[category].push(item.resource);
      placedAnywhere.add(item.resource);
    }
    items[category].push(item);
  };

  /** Panels are followed by their members, depth first (Observation.hasMember). */
  const expandMembers = (category: Category, panel: Placed): void => {
    const membersOf = (item: Placed): Placed[] => {
      if (item.kind !== 'resource' || item.resource.resourceType !== 'Observation') return [];
      const out: Placed[] = [];
      for (const member of arr(item.resource['hasMember'])) {
        const hit = index.resolve(member, item.holder);
        if (hit === undefined) continue;
        const holder = hit.kind === 'entry' ? hit.target : hit.container;
        out.push({ kind: 'resource', resource: resolvedResource(hit), holder });
      }
      return out;
    };
    const stack = membersOf(panel).reverse();
    while (stack.length > 0) {
      const item = stack.pop() as Placed;
      if (item.kind !== 'resource' || placedIn[category].includes(item.resource)) continue;
      place(category, item);
      inSection.add(item.holder.index);
      stack.push(...membersOf(item).reverse());
    }
  };

  for (const { section } of flattenSections(composition?.resource['section'])) {
    const listed = arr(at(section, 'entry')).map((ref) => ({
      ref,
      hit: composition === undefined ? undefined : index.resolve(ref, composition),
    }));
    const category = placeSection(
      section,
      listed.flatMap(({ hit }) => (hit === undefined ? [] : [resolvedResource(hit).resourceType])),
    );
    const other: Placed[] = [];
    if (category !== undefined) sections[category].push(section as JsonObject);
    else otherSections.push({ section: section as JsonObject, items: other });
    for (const { ref, hit } of listed) {
      const reference = obj(ref) ?? {};
      if (hit === undefined) {
        const item: Placed = { kind: 'unresolved', reference };
        if (category !== undefined) place(category, item);
        else other.push(item);
        continue;
      }
      const resource = resolvedResource(hit);
      const holder = hit.kind === 'entry' ? hit.target : hit.container;
      inSection.add(holder.index);
      const item: Placed = { kind: 'resource', resource, holder, reference };
      const home = HOME_CATEGORY[resource.resourceType];
      if (home !== undefined) place(home, item);
      else if (category !== undefined) {
        place(category, item);
        if (category === 'results' || category === 'vitalSigns') expandMembers(category, item);
      } else {
        other.push(item);
        placedAnywhere.add(resource);
      }
    }
  }

  const referencedByResources = new Set<number>();
  for (const holder of index.entries) {
    if (holder === composition) continue;
    for (const ref of referencesIn(holder.resource)) {
      const target = index.resolveEntry(ref, holder);
      if (target !== undefined && target !== holder) referencedByResources.add(target.index);
    }
  }
  if (composition !== undefined) {
    const { section: _section, ...header } = composition.resource;
    for (const ref of referencesIn(header)) {
      const target = index.resolveEntry(ref, composition);
      if (target !== undefined) referencedByResources.add(target.index);
    }
  }

  // Tolerance: resources no section lists still reach the summary (never dropped silently).
  for (const holder of index.entries) {
    if (holder === composition || inSection.has(holder.index)) continue;
    const { resource } = holder;
    const home = HOME_CATEGORY[resource.resourceType];
    if (home !== undefined) place(home, { kind: 'resource', resource, holder });
    else if (resource.resourceType === 'Condition' && !referencedByResources.has(holder.index)) {
      place('problems', { kind: 'resource', resource, holder });
    }
  }

  const bloodGroup = index.entries.filter((e) => isBloodGroupObservation(e.resource));
  const unlisted = index.entries.filter((e) => {
    const type = e.resource.resourceType;
    if (e === composition || e === patient || placedAnywhere.has(e.resource)) return false;
    if (bloodGroup.includes(e)) return false;
    return !(SUPPORT_TYPES.has(type) && referencedByResources.has(e.index));
  });

  return { index, composition, patient, sections, items, otherSections, bloodGroup, unlisted };
}
