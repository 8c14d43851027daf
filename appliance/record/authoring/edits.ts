/**
 * Applies the author's edits to a decrypted IPS bundle (a deep copy; the input is untouched),
 * keeping the Composition's sections and references consistent: an added entry is listed in its
 * section, a removed one is unlisted everywhere, a required section left empty states "no
 * information" (IPS absent-unknown) rather than falling silent. The Composition is dated now and
 * authored by the card. The result must still pass today's bundle bounds (ips/parse.ts).
 */
import { err, ok, type Result } from '../../common/result.ts';
import { parseIpsBundle } from '../ips/parse.ts';
import { isBloodGroupObservation } from '../ips/sections.ts';
import type { Category } from '../ips/sections.ts';
import {
  addToSection,
  compositionOf,
  entriesOf,
  findEntry,
  isAbsentStatement,
  isObject,
  removeEntry,
  sectionEntries,
  sectionFor,
  type Entry,
  type Json,
} from './bundle-access.ts';
import { contactId, contactsOf, patientEntry } from './patient.ts';
import * as make from './resources.ts';
import type { EditError, RecordAuthor, RecordEdit } from './types.ts';

const REQUIRED: Partial<Record<Category, keyof typeof make.NO_INFORMATION>> = {
  allergies: 'allergies',
  medications: 'medications',
  problems: 'problems',
};

type Applied = Result<void, EditError['code']>;
const done: Applied = ok(undefined);

function add(bundle: Json, category: Category, resource: Json): Entry {
  const section = sectionFor(bundle, category);
  for (const stale of sectionEntries(bundle, section).filter((e) => isAbsentStatement(e.resource)))
    removeEntry(bundle, stale);
  return addToSection(bundle, section, resource);
}

function remove(bundle: Json, itemId: string, types: readonly string[], category: Category): Applied {
  const entry = findEntry(bundle, itemId, types);
  if (entry === undefined || isAbsentStatement(entry.resource)) return err('item_not_found');
  removeEntry(bundle, entry);
  if (entry.resource.resourceType === 'DeviceUseStatement') {
    const device = isObject(entry.resource.device) ? entry.resource.device.reference : undefined;
    const target = entriesOf(bundle).find(
      (e) => e.fullUrl === device && e.resource.resourceType === 'Device',
    );
    if (target !== undefined) removeEntry(bundle, target);
  }
  const required = REQUIRED[category];
  const section = sectionFor(bundle, category);
  if (required !== undefined && sectionEntries(bundle, section).length === 0)
    addToSection(bundle, section, make.noInformation(patientReference(bundle), required));
  return done;
}

function patientReference(bundle: Json): string {
  const subject = compositionOf(bundle).subject;
  if (isObject(subject) && typeof subject.reference === 'string') return subject.reference;
  const patient = patientEntry(bundle);
  return patient?.fullUrl ?? `Patient/${String(patient?.resource.id)}`;
}

function applyOne(bundle: Json, edit: RecordEdit, now: Date): Applied {
  const patient = patientReference(bundle);
  switch (edit.op) {
    case 'allergy.add': {
      const s = edit.substance;
      const substance = s.kind === 'bdpm' ? { code: s.code, label: s.label } : { label: s.text };
      add(bundle, 'allergies', make.allergy(patient, substance, edit.criticality, edit.reaction));
      return done;
    }
    case 'allergy.remove':
      return remove(bundle, edit.itemId, ['AllergyIntolerance'], 'allergies');
    case 'medication.add': {
      const p = edit.product;
      const product = p.kind === 'bdpm' ? { cis: p.cis, label: p.label } : { label: p.text };
      add(bundle, 'medications', make.medication(patient, product, edit.dose));
      return done;
    }
    case 'medication.dose': {
      const entry = findEntry(bundle, edit.itemId, ['MedicationStatement', 'MedicationRequest']);
      if (entry === undefined || isAbsentStatement(entry.resource)) return err('item_not_found');
      // The structured dosage would contradict the new text: the text replaces it.
      const field = entry.resource.resourceType === 'MedicationRequest' ? 'dosageInstruction' : 'dosage';
      entry.resource[field] = [{ text: edit.dose }];
      return done;
    }
    case 'medication.remove':
      return remove(bundle, edit.itemId, ['MedicationStatement', 'MedicationRequest'], 'medications');
    case 'problem.add':
      add(bundle, 'problems', make.condition(patient, edit.text));
      return done;
    case 'problem.remove':
      return remove(bundle, edit.itemId, ['Condition'], 'problems');
    case 'bloodGroup.set': {
      for (const entry of entriesOf(bundle).filter((e) => isBloodGroupObservation(e.resource)))
        removeEntry(bundle, entry);
      add(bundle, 'results', make.bloodGroup(patient, edit.group, now));
      return done;
    }
    case 'device.add': {
      const { device, statement } = make.deviceUse(patient, edit.text);
      bundle.entry = [...entriesOf(bundle), { fullUrl: `urn:uuid:${String(device.id)}`, resource: device }];
      add(bundle, 'devices', statement);
      return done;
    }
    case 'device.remove':
      return remove(bundle, edit.itemId, ['DeviceUseStatement', 'Device'], 'devices');
    case 'directive.set': {
      const section = sectionFor(bundle, 'advanceDirectives');
      for (const entry of sectionEntries(bundle, section)) removeEntry(bundle, entry);
      delete section.text;
      if (edit.text.trim() !== '')
        add(bundle, 'advanceDirectives', make.directive(patient, edit.text.trim(), now));
      return done;
    }
    case 'contact.add': {
      const owner = patientEntry(bundle);
      if (owner === undefined) return err('invalid');
      owner.resource.contact = [...contactsOf(owner), make.contact(edit.name, edit.relationship, edit.phone)];
      return done;
    }
    case 'contact.remove': {
      const owner = patientEntry(bundle);
      const contacts = owner === undefined ? [] : contactsOf(owner);
      const index = contacts.findIndex(
        (c, i) => owner !== undefined && contactId(owner, c, i) === edit.itemId,
      );
      if (owner === undefined || index < 0) return err('item_not_found');
      owner.resource.contact = contacts.filter((_, i) => i !== index);
      return done;
    }
  }
}

/**
 * The bundle with every edit applied in order, the Composition dated `now` and authored by
 * `author`; the first edit that cannot apply is the error (its index in the draft).
 */
export function applyEdits(
  bundle: unknown,
  edits: readonly RecordEdit[],
  author: RecordAuthor,
  now: Date,
  /** The draft's seed: the same edits get the same new ids at every call (make.seededIds). */
  seed?: string,
): Result<Json, EditError> {
  return seed === undefined
    ? applyAll(bundle, edits, author, now)
    : make.withIds(make.seededIds(seed), () => applyAll(bundle, edits, author, now));
}

function applyAll(
  bundle: unknown,
  edits: readonly RecordEdit[],
  author: RecordAuthor,
  now: Date,
): Result<Json, EditError> {
  const draft = structuredClone(bundle) as Json;
  if (!isObject(draft) || entriesOf(draft)[0]?.resource.resourceType !== 'Composition')
    return err({ index: 0, code: 'invalid' });
  const owner = patientEntry(draft);
  if (owner !== undefined)
    owner.resource.contact = contactsOf(owner).map((c, i) => ({ ...c, id: contactId(owner, c, i) }));
  for (const [index, edit] of edits.entries()) {
    const applied = applyOne(draft, edit, now);
    if (!applied.ok) return err({ index, code: applied.error });
  }
  const composition = compositionOf(draft);
  composition.date = now.toISOString();
  composition.author = [make.authorReference(author)];
  if (typeof draft.timestamp === 'string') draft.timestamp = now.toISOString();
  const checked = parseIpsBundle(draft);
  if (!checked.ok)
    return err({
      index: Math.max(0, edits.length - 1),
      code: checked.error.code === 'too_large' ? 'too_large' : 'invalid',
    });
  return ok(draft);
}
