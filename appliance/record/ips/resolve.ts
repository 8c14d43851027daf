import type { BundleEntry, FhirResource, IpsBundle } from './types.ts';
import { arr, at, obj, str } from './read.ts';

/** One entry of the bundle, with its position. */
export interface IndexedEntry {
  readonly index: number;
  readonly entry: BundleEntry;
  readonly resource: FhirResource;
  /** fullUrl, else `Type/id`, else `entry[i]`: stable within one bundle. */
  readonly key: string;
}

/** A resolved reference: a bundle entry, or a resource contained in one (`#id`). */
export type Resolved =
  | { readonly kind: 'entry'; readonly target: IndexedEntry }
  | { readonly kind: 'contained'; readonly resource: FhirResource; readonly container: IndexedEntry };

export interface BundleIndex {
  readonly entries: readonly IndexedEntry[];
  /** Resolves a Reference (object or string) as seen from the entry that holds it. */
  resolve(reference: unknown, from: IndexedEntry | undefined): Resolved | undefined;
  /** The bundle entry a reference points to (contained resources resolve to their container). */
  resolveEntry(reference: unknown, from: IndexedEntry | undefined): IndexedEntry | undefined;
}

const TYPE_ID = /(?:^|\/)([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const RESTFUL_BASE = /^(https?:\/\/.+\/)[A-Z][A-Za-z]{1,63}\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[^/]+)?$/;
/** A relative reference (FHIR R4 §2.3.0 "Type/id", optionally versioned): what a RESTful base prefixes. */
const RELATIVE = /^[A-Z][A-Za-z]{1,63}\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[^/]+)?$/;

function isResource(value: unknown): value is FhirResource {
  return typeof at(value, 'resourceType') === 'string';
}

/**
 * Indexes the entries for reference resolution (FHIR R4 Bundle §2.36.4.1 "Resolving references
 * in Bundles"): exact fullUrl; relative `Type/id` against the referencing entry's RESTful base;
 * then, for exporters that mix styles, `Type/id` against each entry's resource id or fullUrl
 * tail, and `urn:uuid:x` against a resource whose id is x.
 */
export function indexBundle(bundle: IpsBundle): BundleIndex {
  const entries: IndexedEntry[] = [];
  const byFullUrl = new Map<string, IndexedEntry>();
  const byTypeId = new Map<string, IndexedEntry>();
  const byUuid = new Map<string, IndexedEntry>();
  // A RESTful fullUrl split as base + relative part, so that resolving a relative reference costs
  // the same whatever the length of the referencing entry's base (hostile keys: issue 15).
  const byBase = new Map<string, Map<string, IndexedEntry>>();
  const baseOf = new Map<IndexedEntry, string | undefined>();
  const containedOf = new Map<IndexedEntry, Map<string, FhirResource>>();
  arr(bundle.entry).forEach((raw, index) => {
    const resource = at(raw, 'resource');
    if (!isResource(resource)) return;
    const entry = raw as BundleEntry;
    const fullUrl = str(entry.fullUrl);
    const id = str(resource.id);
    const typeId = id !== undefined ? `${resource.resourceType}/${id}` : undefined;
    const indexed: IndexedEntry = { index, entry, resource, key: fullUrl ?? typeId ?? `entry[${index}]` };
    entries.push(indexed);
    if (fullUrl !== undefined && !byFullUrl.has(fullUrl)) byFullUrl.set(fullUrl, indexed);
    const base = fullUrl === undefined ? undefined : RESTFUL_BASE.exec(fullUrl)?.[1];
    baseOf.set(indexed, base);
    if (fullUrl !== undefined && base !== undefined) {
      const relative = byBase.get(base) ?? new Map<string, IndexedEntry>();
      byBase.set(base, relative);
      const rest = fullUrl.slice(base.length);
      if (!relative.has(rest)) relative.set(rest, indexed);
    }
    const keys: string[] = [];
    if (typeId !== undefined) keys.push(typeId);
    const tail = fullUrl === undefined ? undefined : TYPE_ID.exec(fullUrl);
    if (tail?.[1] === resource.resourceType && tail[2] !== undefined) keys.push(`${tail[1]}/${tail[2]}`);
    if (fullUrl?.startsWith('urn:uuid:') === true) {
      const uuid = fullUrl.slice('urn:uuid:'.length);
      keys.push(`${resource.resourceType}/${uuid}`);
    }
    for (const key of keys) if (!byTypeId.has(key)) byTypeId.set(key, indexed);
    if (id !== undefined && !byUuid.has(id)) byUuid.set(id, indexed);
  });

  /** The contained resources of an entry by id (the first of an id wins), built once per entry. */
  function containedById(holder: IndexedEntry): Map<string, FhirResource> {
    let byId = containedOf.get(holder);
    if (byId === undefined) {
      byId = new Map();
      for (const c of arr(holder.resource['contained'])) {
        if (isResource(c) && typeof c.id === 'string' && !byId.has(c.id)) byId.set(c.id, c);
      }
      containedOf.set(holder, byId);
    }
    return byId;
  }

  function resolve(reference: unknown, from: IndexedEntry | undefined): Resolved | undefined {
    const ref = typeof reference === 'string' ? str(reference) : str(at(reference, 'reference'));
    if (ref === undefined) return undefined;
    if (ref.startsWith('#')) {
      if (from === undefined || ref.length === 1) return undefined;
      const hit = containedById(from).get(ref.slice(1));
      return hit === undefined ? undefined : { kind: 'contained', resource: hit, container: from };
    }
    const exact = byFullUrl.get(ref);
    if (exact !== undefined) return { kind: 'entry', target: exact };
    const base = from === undefined ? undefined : baseOf.get(from);
    if (base !== undefined && RELATIVE.test(ref)) {
      const absolute = byBase.get(base)?.get(ref);
      if (absolute !== undefined) return { kind: 'entry', target: absolute };
    }
    const typeId = TYPE_ID.exec(ref);
    if (typeId?.[1] !== undefined && typeId[2] !== undefined) {
      const hit = byTypeId.get(`${typeId[1]}/${typeId[2]}`);
      if (hit !== undefined) return { kind: 'entry', target: hit };
    }
    if (ref.startsWith('urn:uuid:')) {
      const hit = byUuid.get(ref.slice('urn:uuid:'.length));
      if (hit !== undefined) return { kind: 'entry', target: hit };
    }
    return undefined;
  }

  return {
    entries,
    resolve,
    resolveEntry(reference, from) {
      const hit = resolve(reference, from);
      if (hit === undefined) return undefined;
      return hit.kind === 'entry' ? hit.target : hit.container;
    },
  };
}

/** The resource a resolution designates. */
export function resolvedResource(hit: Resolved): FhirResource {
  return hit.kind === 'entry' ? hit.target.resource : hit.resource;
}

/** Every `reference` string found anywhere inside a JSON value (iteratively). */
export function referencesIn(value: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
      continue;
    }
    const o = obj(current);
    if (o === undefined) continue;
    for (const [field, child] of Object.entries(o)) {
      if (field === 'reference' && typeof child === 'string') out.push(child);
      else if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return out;
}
