/** The FHIR R4 resources the kiosk writes, shaped as the IPS profiles expect (IPS IG 1.1). */
import { createHash, randomUUID } from 'node:crypto';
import type { AllergyCriticality, BloodGroup, RecordAuthor } from './types.ts';
import { ABSENT_UNKNOWN_SYSTEM, type Json } from './bundle-access.ts';
import { BDPM_CIS_SYSTEM, BDPM_SUBSTANCE_SYSTEM } from '../../common/structured/bdpm-systems.ts';

export {
  BDPM_CIS_SYSTEM,
  BDPM_SUBSTANCE_SYSTEM,
  LEGACY_BDPM_CIS_SYSTEM,
} from '../../common/structured/bdpm-systems.ts';
/** IdNat_PS, the national identifier of health professionals ("8" + RPPS), as the card gives it. */
export const IDNAT_PS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';

const SNOMED = 'http://snomed.info/sct';

/** SNOMED CT "blood group … Rh(D) …" findings, the values IPS gives LOINC 882-1. */
export const BLOOD_GROUP_SNOMED: Readonly<Record<BloodGroup, { code: string; display: string }>> = {
  'A+': { code: '278149003', display: 'Blood group A Rh(D) positive' },
  'A-': { code: '278152006', display: 'Blood group A Rh(D) negative' },
  'B+': { code: '278150003', display: 'Blood group B Rh(D) positive' },
  'B-': { code: '278153001', display: 'Blood group B Rh(D) negative' },
  'AB+': { code: '278151004', display: 'Blood group AB Rh(D) positive' },
  'AB-': { code: '278154007', display: 'Blood group AB Rh(D) negative' },
  'O+': { code: '278147001', display: 'Blood group O Rh(D) positive' },
  'O-': { code: '278148006', display: 'Blood group O Rh(D) negative' },
};

/** Absent-unknown codes for the three sections IPS requires. */
export const NO_INFORMATION = {
  allergies: { code: 'no-allergy-info', display: 'No information about allergies' },
  medications: { code: 'no-medication-info', display: 'No information about medications' },
  problems: { code: 'no-problem-info', display: 'No information about problems' },
} as const;

const active = (system: string): Json => ({ coding: [{ system, code: 'active' }] });
let idSource: () => string = randomUUID;
const newId = (): string => idSource();

/**
 * Runs `make` with resource ids from `ids` (the same draft gives the same ids at every preview
 * and at the write, so an item the view names stays the same item). Synchronous: no interleaving.
 */
export function withIds<T>(ids: () => string, make: () => T): T {
  const previous = idSource;
  idSource = ids;
  try {
    return make();
  } finally {
    idSource = previous;
  }
}

/** Ids as UUIDs derived from a draft's seed, in order (RFC 4122 layout, version 8: custom). */
export function seededIds(seed: string): () => string {
  let n = 0;
  return () => {
    const hex = createHash('sha256').update(`${seed}/${n++}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

export function allergy(
  patient: string,
  substance: { code?: string; label: string },
  criticality: AllergyCriticality,
  reaction: string | undefined,
): Json {
  return {
    resourceType: 'AllergyIntolerance',
    id: newId(),
    clinicalStatus: active('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical'),
    criticality,
    code:
      substance.code === undefined
        ? { text: substance.label }
        : {
            coding: [{ system: BDPM_SUBSTANCE_SYSTEM, code: substance.code, display: substance.label }],
            text: substance.label,
          },
    patient: { reference: patient },
    ...(reaction === undefined ? {} : { reaction: [{ manifestation: [{ text: reaction }] }] }),
  };
}

export function medication(patient: string, product: { cis?: string; label: string }, dose: string): Json {
  return {
    resourceType: 'MedicationStatement',
    id: newId(),
    status: 'active',
    medicationCodeableConcept:
      product.cis === undefined
        ? { text: product.label }
        : {
            coding: [{ system: BDPM_CIS_SYSTEM, code: product.cis, display: product.label }],
            text: product.label,
          },
    subject: { reference: patient },
    dosage: [{ text: dose }],
  };
}

export function condition(patient: string, text: string): Json {
  return {
    resourceType: 'Condition',
    id: newId(),
    clinicalStatus: active('http://terminology.hl7.org/CodeSystem/condition-clinical'),
    code: { text },
    subject: { reference: patient },
  };
}

export function bloodGroup(patient: string, group: BloodGroup, now: Date): Json {
  const value = BLOOD_GROUP_SNOMED[group];
  return {
    resourceType: 'Observation',
    id: newId(),
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
        ],
      },
    ],
    code: {
      coding: [{ system: 'http://loinc.org', code: '882-1', display: 'ABO and Rh group [Type] in Blood' }],
    },
    subject: { reference: patient },
    effectiveDateTime: now.toISOString(),
    valueCodeableConcept: { coding: [{ system: SNOMED, ...value }], text: group },
  };
}

/** A Device and the DeviceUseStatement that says the patient carries it (IPS Medical Devices). */
export function deviceUse(patient: string, text: string): { device: Json; statement: Json } {
  const device: Json = { resourceType: 'Device', id: newId(), type: { text } };
  const statement: Json = {
    resourceType: 'DeviceUseStatement',
    id: newId(),
    status: 'active',
    subject: { reference: patient },
    device: { reference: `urn:uuid:${String(device.id)}`, display: text },
  };
  return { device, statement };
}

/** An advance directive as a Consent whose provision carries the author's words. */
export function directive(patient: string, text: string, now: Date): Json {
  return {
    resourceType: 'Consent',
    id: newId(),
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'adr' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '75320-2', display: 'Advance directive' }] }],
    patient: { reference: patient },
    dateTime: now.toISOString(),
    provision: { code: [{ text }] },
  };
}

export function contact(name: string, relationship: string | undefined, phone: string): Json {
  return {
    id: `contact-${newId()}`,
    name: { text: name },
    ...(relationship === undefined ? {} : { relationship: [{ text: relationship }] }),
    telecom: [{ system: 'phone', value: phone }],
  };
}

/** "No information about …" for an IPS-required section left without entries. */
export function noInformation(patient: string, section: keyof typeof NO_INFORMATION): Json {
  const concept = { coding: [{ system: ABSENT_UNKNOWN_SYSTEM, ...NO_INFORMATION[section] }] };
  switch (section) {
    case 'allergies':
      return {
        resourceType: 'AllergyIntolerance',
        id: newId(),
        code: concept,
        patient: { reference: patient },
      };
    case 'medications':
      return {
        resourceType: 'MedicationStatement',
        id: newId(),
        status: 'unknown',
        medicationCodeableConcept: concept,
        subject: { reference: patient },
      };
    case 'problems':
      return { resourceType: 'Condition', id: newId(), code: concept, subject: { reference: patient } };
  }
}

/** Composition.author as the card says who signs (name and national identifier). */
export function authorReference(author: RecordAuthor): Json {
  return { display: author.name, identifier: { system: IDNAT_PS_SYSTEM, value: author.nationalId } };
}
