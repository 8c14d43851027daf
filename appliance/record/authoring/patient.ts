/** The record's Patient: who the key is for, and their emergency contacts (Patient.contact). */
import { compositionOf, entriesOf, isObject, type Entry, type Json } from './bundle-access.ts';

/** The Composition's subject, else the first Patient. */
export function patientEntry(bundle: Json): Entry | undefined {
  const patients = entriesOf(bundle).filter((e) => e.resource.resourceType === 'Patient');
  const subject = compositionOf(bundle).subject;
  const reference = isObject(subject) ? subject.reference : undefined;
  return (
    patients.find((e) => e.fullUrl === reference || `Patient/${String(e.resource.id)}` === reference) ??
    patients[0]
  );
}

export function contactsOf(patient: Entry): Json[] {
  const list = patient.resource.contact;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/** A contact's element id; one without takes its place in the record as read (`contact-<n>`). */
export function contactId(_patient: Entry, contact: Json, index: number): string {
  return typeof contact.id === 'string' && contact.id !== '' ? contact.id : `contact-${index}`;
}
