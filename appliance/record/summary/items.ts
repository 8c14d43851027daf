import { arr, at, obj, objects, str } from '../ips/read.ts';
import type { BundleIndex } from '../ips/resolve.ts';
import { resolvedResource } from '../ips/resolve.ts';
import type { Placed } from '../ips/route.ts';
import { dosageText, routeText } from './dosage.ts';
import { dosageStructures, routeCodings } from './dosage-structure.ts';
import { bestConcept, conceptOr, placedId } from './fallback.ts';
import { conceptOf, conceptText, dateOf, quantityText, statusCode } from './text.ts';
import type {
  AllergyItem,
  Criticality,
  DeviceItem,
  MedicationItem,
  ObservationItem,
  ProblemItem,
  SummaryConcept,
  TextItem,
} from './types.ts';

/** What item mappers need besides the item: reference resolution. */
export interface MapContext {
  readonly index: BundleIndex;
}

const CRITICALITIES: readonly Criticality[] = ['high', 'low', 'unable-to-assess'];

function resourceOf(placed: Placed): Readonly<Record<string, unknown>> {
  return placed.kind === 'resource' ? placed.resource : {};
}

/** The resource a Reference field of a placed resource points to, if it resolves. */
function follow(
  placed: Placed,
  reference: unknown,
  ctx: MapContext,
): Readonly<Record<string, unknown>> | undefined {
  if (placed.kind !== 'resource') return undefined;
  const hit = ctx.index.resolve(reference, placed.holder);
  return hit === undefined ? undefined : resolvedResource(hit);
}

function notes(resource: Readonly<Record<string, unknown>>): string | undefined {
  const texts = objects(resource['note'])
    .map((n) => str(n['text']))
    .filter((t): t is string => t !== undefined);
  return texts.length === 0 ? undefined : texts.join(' ');
}

export function allergyItem(placed: Placed): AllergyItem {
  const r = resourceOf(placed);
  const type = r['type'] === 'allergy' || r['type'] === 'intolerance' ? r['type'] : undefined;
  const criticality = CRITICALITIES.find((c) => c === r['criticality']) ?? 'unknown';
  const reactions = objects(r['reaction']).map((reaction) => {
    const manifestations = arr(reaction['manifestation'])
      .map(conceptText)
      .filter((t): t is string => t !== undefined);
    const description = str(reaction['description']);
    if (manifestations.length === 0 && description !== undefined) manifestations.push(description);
    const severity = str(reaction['severity']);
    return severity === undefined ? { manifestations } : { manifestations, severity };
  });
  const firstReactionSubstance = objects(r['reaction'])
    .map((x) => conceptOf(x['substance']))
    .find((c) => c !== undefined);
  return {
    id: placedId(placed),
    substance: conceptOf(r['code']) ?? firstReactionSubstance ?? bestConcept(placed),
    type,
    categories: arr(r['category'])
      .map(str)
      .filter((c): c is string => c !== undefined),
    criticality,
    clinicalStatus: statusCode(r['clinicalStatus']),
    verificationStatus: statusCode(r['verificationStatus']),
    reactions,
    onset: dateOf(r, 'onset'),
    note: notes(r),
  };
}

function ingredientsOf(
  placed: Placed,
  medication: Readonly<Record<string, unknown>> | undefined,
  ctx: MapContext,
): SummaryConcept[] {
  const out: SummaryConcept[] = [];
  for (const ingredient of objects(medication?.['ingredient'])) {
    const direct = conceptOf(ingredient['itemCodeableConcept']);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const reference = ingredient['itemReference'];
    const target = follow(placed, reference, ctx);
    const concept = conceptOf(target?.['code']);
    const display = str(at(reference, 'display'));
    if (concept !== undefined) out.push(concept);
    else if (display !== undefined) out.push({ text: display, codings: [] });
  }
  return out;
}

export function medicationItem(placed: Placed, ctx: MapContext): MedicationItem {
  const r = resourceOf(placed);
  const isRequest = r['resourceType'] === 'MedicationRequest';
  const reference = r['medicationReference'];
  const medication = reference === undefined ? undefined : follow(placed, reference, ctx);
  const ingredients = ingredientsOf(placed, medication, ctx);
  const referenceDisplay = str(at(reference, 'display'));
  const fromIngredients =
    ingredients.length === 0 ? undefined : { text: ingredients.map((i) => i.text).join(' + '), codings: [] };
  const concept =
    conceptOf(r['medicationCodeableConcept']) ??
    conceptOf(medication?.['code']) ??
    (referenceDisplay === undefined ? undefined : { text: referenceDisplay, codings: [] }) ??
    fromIngredients ??
    bestConcept(placed);
  const dosages = isRequest ? r['dosageInstruction'] : r['dosage'];
  const periodObject = obj(isRequest ? at(r['dispenseRequest'], 'validityPeriod') : r['effectivePeriod']);
  const start =
    str(periodObject?.['start']) ?? (isRequest ? str(r['authoredOn']) : str(r['effectiveDateTime']));
  const end = str(periodObject?.['end']);
  return {
    id: placedId(placed),
    medication: concept,
    ingredients,
    dosage: dosageText(dosages),
    dosages: dosageStructures(dosages),
    route: routeText(dosages),
    routeCodings: routeCodings(dosages),
    status: str(r['status']),
    period: start === undefined && end === undefined ? undefined : { start, end },
    source: isRequest ? 'MedicationRequest' : 'MedicationStatement',
  };
}

export function problemItem(placed: Placed): ProblemItem {
  const r = resourceOf(placed);
  return {
    id: placedId(placed),
    condition: conceptOr(r['code'], placed),
    clinicalStatus: statusCode(r['clinicalStatus']),
    severity: conceptText(r['severity']),
    onset: dateOf(r, 'onset'),
  };
}

function deviceConcept(device: Readonly<Record<string, unknown>> | undefined): SummaryConcept | undefined {
  if (device === undefined) return undefined;
  const type = conceptOf(device['type']);
  const name = objects(device['deviceName'])
    .map((n) => str(n['name']))
    .find((n) => n !== undefined);
  if (name !== undefined) return { text: name, codings: type?.codings ?? [] };
  if (type !== undefined) return type;
  const printedUdi = str(objects(device['udiCarrier'])[0]?.['carrierHRF']);
  return printedUdi === undefined ? undefined : { text: printedUdi, codings: [] };
}

export function deviceItem(placed: Placed, ctx: MapContext): DeviceItem {
  const r = resourceOf(placed);
  if (r['resourceType'] === 'Device') {
    return {
      id: placedId(placed),
      device: deviceConcept(r) ?? bestConcept(placed),
      status: str(r['status']),
    };
  }
  const reference = r['device'];
  const device = follow(placed, reference, ctx);
  const display = str(at(reference, 'display'));
  return {
    id: placedId(placed),
    device:
      deviceConcept(device) ??
      (display === undefined ? undefined : { text: display, codings: [] }) ??
      bestConcept(placed),
    status: str(r['status']),
    since: dateOf(r, 'timing') ?? str(r['recordedOn']),
    bodySite: conceptText(r['bodySite']),
  };
}

/** An Observation's value as text (value[x], else components, else the data-absent reason). */
export function observationValue(r: Readonly<Record<string, unknown>>): string {
  const direct = valueText(r);
  if (direct !== undefined) return direct;
  const components = objects(r['component'])
    .map((c) => {
      const name = conceptText(c['code']);
      const value = valueText(c) ?? conceptText(c['dataAbsentReason']);
      return value === undefined ? undefined : name === undefined ? value : `${name}: ${value}`;
    })
    .filter((t): t is string => t !== undefined);
  if (components.length > 0) return components.join('; ');
  return conceptText(r['dataAbsentReason']) ?? '';
}

function valueText(r: Readonly<Record<string, unknown>>): string | undefined {
  const quantity = quantityText(r['valueQuantity']);
  if (quantity !== undefined) return quantity;
  const concept = conceptText(r['valueCodeableConcept']);
  if (concept !== undefined) return concept;
  const text = str(r['valueString']) ?? str(r['valueDateTime']) ?? str(r['valueTime']);
  if (text !== undefined) return text;
  if (typeof r['valueBoolean'] === 'boolean') return r['valueBoolean'] ? 'yes' : 'no';
  if (typeof r['valueInteger'] === 'number') return String(r['valueInteger']);
  const range = obj(r['valueRange']);
  if (range !== undefined) {
    const low = quantityText(range['low']);
    const high = quantityText(range['high']);
    if (low !== undefined || high !== undefined) return `${low ?? ''}–${high ?? ''}`;
  }
  const ratio = obj(r['valueRatio']);
  if (ratio !== undefined) {
    const n = quantityText(ratio['numerator']);
    const d = quantityText(ratio['denominator']);
    if (n !== undefined && d !== undefined) return `${n}/${d}`;
  }
  const period = obj(r['valuePeriod']);
  if (period !== undefined) return `${str(period['start']) ?? ''}–${str(period['end']) ?? ''}`;
  return undefined;
}

export function observationItem(placed: Placed): ObservationItem {
  const r = resourceOf(placed);
  return {
    id: placedId(placed),
    observation: conceptOr(r['code'], placed),
    value: observationValue(r),
    date: dateOf(r, 'effective') ?? str(r['issued']),
  };
}

function consentText(r: Readonly<Record<string, unknown>>): string | undefined {
  const provision = obj(r['provision']);
  const parts = [...arr(r['category']).map(conceptText), ...arr(provision?.['code']).map(conceptText)].filter(
    (t): t is string => t !== undefined,
  );
  const unique = [...new Set(parts)];
  if (unique.length === 0) return undefined;
  const kind = provision?.['type'] === 'deny' ? 'Deny: ' : provision?.['type'] === 'permit' ? 'Permit: ' : '';
  return kind + unique.join(' — ');
}

/** Any resource as one line of text with status and date (directives, alerts, vaccines, procedures…). */
export function textItem(placed: Placed): TextItem {
  const r = resourceOf(placed);
  const type = r['resourceType'];
  let text: string | undefined;
  if (type === 'Consent') text = consentText(r);
  else if (type === 'Observation') {
    const name = conceptText(r['code']);
    const value = observationValue(r);
    text = name === undefined ? undefined : value === '' ? name : `${name}: ${value}`;
  } else if (type === 'DocumentReference') {
    text =
      str(r['description']) ??
      conceptText(r['type']) ??
      objects(r['content'])
        .map((c) => str(at(c['attachment'], 'title')))
        .find((t) => t !== undefined);
  }
  return {
    id: placedId(placed),
    text: text ?? bestConcept(placed).text,
    status: str(r['status']) ?? statusCode(r['clinicalStatus']),
    date:
      str(r['dateTime']) ??
      dateOf(r, 'occurrence') ??
      dateOf(r, 'performed') ??
      dateOf(r, 'effective') ??
      dateOf(r, 'onset') ??
      str(at(r['period'], 'start')) ??
      str(r['date']),
  };
}
