import { arr, at, obj, objects, str } from '../ips/read.ts';
import { resolvedResource } from '../ips/resolve.ts';
import { routeBundle, type Routing } from '../ips/route.ts';
import type { IpsBundle } from '../ips/types.ts';
import { emptyReasonText, sectionOf } from './empty.ts';
import {
  allergyItem,
  deviceItem,
  medicationItem,
  observationItem,
  problemItem,
  textItem,
  type MapContext,
} from './items.ts';
import { narrativeLanguage } from './narrative.ts';
import { conceptOf, conceptText, humanNameText, narrativeText, preferredName } from './text.ts';
import type {
  AllergyItem,
  ContactItem,
  OtherSectionItem,
  Summary,
  SummaryConcept,
  SummaryPatient,
} from './types.ts';

const CRITICALITY_RANK: Readonly<Record<AllergyItem['criticality'], number>> = {
  high: 0,
  'unable-to-assess': 1,
  low: 1,
  unknown: 1,
};

function patientOf(routing: Routing): SummaryPatient {
  const p = routing.patient?.resource;
  return { name: preferredName(p?.['name']), birthDate: str(p?.['birthDate']), gender: str(p?.['gender']) };
}

function contactsOf(routing: Routing): ContactItem[] {
  return objects(routing.patient?.resource['contact']).map((contact) => {
    // Put in the reader's words by common/structured/relationships.ts; here as authored (its text
    // or display), else the bare code: no generated English (issue 19).
    const relationships = arr(contact['relationship'])
      .map(conceptOf)
      .filter((c): c is SummaryConcept => c !== undefined);
    return {
      name: humanNameText(contact['name']) ?? str(at(contact['organization'], 'display')),
      relationship: relationships.length === 0 ? undefined : relationships.map((c) => c.text).join(', '),
      ...(relationships.some((c) => c.codings.length > 0) ? { relationships } : {}),
      telecom: objects(contact['telecom'])
        .map((t) => str(t['value']))
        .filter((t): t is string => t !== undefined),
    };
  });
}

function authorName(reference: unknown, routing: Routing): string {
  const hit =
    routing.composition === undefined ? undefined : routing.index.resolve(reference, routing.composition);
  const display = str(at(reference, 'display'));
  if (hit === undefined) return display ?? 'Author not included in the document';
  const author = resolvedResource(hit);
  const holder = hit.kind === 'entry' ? hit.target : hit.container;
  switch (author.resourceType) {
    case 'PractitionerRole': {
      const practitioner = routing.index.resolve(author['practitioner'], holder);
      const name =
        practitioner === undefined ? undefined : preferredName(resolvedResource(practitioner)['name']);
      const organization = routing.index.resolve(author['organization'], holder);
      return (
        name ??
        str(at(author['practitioner'], 'display')) ??
        (organization === undefined ? undefined : str(resolvedResource(organization)['name'])) ??
        display ??
        'Practitioner role without a name'
      );
    }
    case 'Device': {
      const deviceName = objects(author['deviceName'])
        .map((n) => str(n['name']))
        .find((n) => n !== undefined);
      return deviceName ?? str(author['manufacturer']) ?? conceptText(author['type']) ?? display ?? 'Device';
    }
    case 'Organization':
      return str(author['name']) ?? display ?? 'Organization without a name';
    default:
      return preferredName(author['name']) ?? display ?? `${author.resourceType} without a name`;
  }
}

function otherSectionsOf(routing: Routing): OtherSectionItem[] {
  return routing.otherSections.map(({ section, items }) => {
    const code = objects(at(section['code'], 'coding'))
      .map((c) => str(c['code']))
      .find((c) => c !== undefined);
    const div = at(section['text'], 'div');
    const narrative = narrativeText(div);
    const language = narrative === undefined ? undefined : narrativeLanguage(div);
    return {
      title: str(section['title']) ?? conceptText(section['code']) ?? 'Untitled section',
      code,
      narrative: narrative ?? emptyReasonText(section['emptyReason']),
      ...(language === undefined ? {} : { narrativeLanguage: language }),
      items: items.map(textItem),
    };
  });
}

function otherResourcesOf(routing: Routing): { resourceType: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of routing.unlisted)
    counts.set(e.resource.resourceType, (counts.get(e.resource.resourceType) ?? 0) + 1);
  return [...counts].map(([resourceType, count]) => ({ resourceType, count }));
}

/**
 * The summary view model of an IPS document. Pure and total: whatever the bundle holds, every
 * allergy, medication and problem appears, with its best available text (HZ-02).
 */
export function summarize(bundle: IpsBundle): Summary {
  const routing = routeBundle(bundle);
  const ctx: MapContext = { index: routing.index };
  const { items, sections } = routing;
  const composition = obj(routing.composition?.resource);

  const allergies = items.allergies
    .map(allergyItem)
    .map((item, order) => ({ item, order }))
    .sort(
      (a, b) =>
        CRITICALITY_RANK[a.item.criticality] - CRITICALITY_RANK[b.item.criticality] || a.order - b.order,
    )
    .map(({ item }) => item);

  return {
    patient: patientOf(routing),
    documentDate: str(composition?.['date']),
    documentTitle: str(composition?.['title']),
    authors: arr(composition?.['author']).map((a) => authorName(a, routing)),
    language: str(composition?.['language']) ?? str(bundle['language']),
    allergies: sectionOf(allergies, sections.allergies, (i) => i.substance),
    medications: sectionOf(
      items.medications.map((p) => medicationItem(p, ctx)),
      sections.medications,
      (i) => i.medication,
    ),
    problems: sectionOf(items.problems.map(problemItem), sections.problems, (i) => i.condition),
    devices: sectionOf(
      items.devices.map((p) => deviceItem(p, ctx)),
      sections.devices,
      (i) => i.device,
    ),
    bloodGroup: routing.bloodGroup.map((holder) => {
      const item = observationItem({ kind: 'resource', resource: holder.resource, holder });
      const valueCodings = conceptOf(holder.resource['valueCodeableConcept'])?.codings ?? [];
      return valueCodings.length === 0 ? item : { ...item, valueCodings };
    }),
    advanceDirectives: sectionOf(
      items.advanceDirectives.map(textItem),
      sections.advanceDirectives,
      undefined,
    ),
    alerts: sectionOf(items.alerts.map(textItem), sections.alerts, undefined),
    contacts: contactsOf(routing),
    immunizations: sectionOf(items.immunizations.map(textItem), sections.immunizations, undefined),
    procedures: sectionOf(items.procedures.map(textItem), sections.procedures, undefined),
    pastIllnesses: sectionOf(items.pastIllnesses.map(problemItem), sections.pastIllnesses, undefined),
    results: sectionOf(items.results.map(observationItem), sections.results, undefined),
    vitalSigns: sectionOf(items.vitalSigns.map(observationItem), sections.vitalSigns, undefined),
    otherSections: otherSectionsOf(routing),
    otherResources: otherResourcesOf(routing),
  };
}
