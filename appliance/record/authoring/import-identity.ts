/**
 * A new record from the doctor's software (issue 16, item 5): the imported bundle's Patient fills
 * an identity nobody typed yet, and an identity already typed must name the same patient as the
 * import (the update's comparison, `samePatient`: family name, birth date, no conflicting identifier such as the INS; HZ-23).
 */
import { samePatient } from '../same-patient.ts';
import { isObject, type Json } from './bundle-access.ts';
import { patientEntry } from './patient.ts';
import type { AuthoringIdentity } from './types.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const SEXES = ['female', 'male', 'other', 'unknown'] as const;
const FULL_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The Patient (the Composition's subject); none when the bundle does not start with its Composition. */
function patientOf(bundle: Json): Json | undefined {
  try {
    return patientEntry(bundle)?.resource;
  } catch {
    return undefined;
  }
}

function firstName(patient: Json): Json | undefined {
  const names = Array.isArray(patient.name) ? patient.name.filter(isObject) : [];
  return names[0];
}

const given = (name: Json | undefined): string | undefined => {
  const list = Array.isArray(name?.given) ? name.given.filter((g) => typeof g === 'string') : [];
  const joined = list.join(' ').trim();
  return joined === '' ? undefined : joined;
};

/** What the import says of who it is for; a field it lacks (or a partial birth date) is left out. */
export function importedIdentity(bundle: unknown): Partial<AuthoringIdentity> {
  if (!isObject(bundle)) return {};
  const patient = patientOf(bundle);
  if (patient === undefined) return {};
  const name = firstName(patient);
  const out: Writable<Partial<AuthoringIdentity>> = {};
  if (typeof name?.family === 'string' && name.family.trim() !== '') out.family = name.family.trim();
  const first = given(name);
  if (first !== undefined) out.given = first;
  if (typeof patient.birthDate === 'string' && FULL_DATE.test(patient.birthDate))
    out.birthDate = patient.birthDate;
  const sex = SEXES.find((s) => s === patient.gender);
  if (sex !== undefined) out.sex = sex;
  return out;
}

/** FHIR `date` at year or month precision (R4 §2.24.0.1 "date"): doctors' software writes these. */
const PARTIAL_DATE = /^[0-9]{4}(-[0-9]{2})?$/;

/** The Patient's birth date as the bundle gives it (any precision). */
export function birthDateOf(bundle: unknown): string | undefined {
  if (!isObject(bundle)) return undefined;
  const date = patientOf(bundle)?.birthDate;
  return typeof date === 'string' ? date.trim() : undefined;
}

/**
 * The bundle with its Patient's partial birth date (1951, 1951-01) replaced by this full date when
 * the full date falls within it; the bundle itself otherwise. A date outside it stays as it was,
 * so the comparison still refuses it (HZ-23).
 */
export function withFullBirthDate(bundle: unknown, fullDate: string | undefined): unknown {
  const partial = birthDateOf(bundle);
  if (fullDate === undefined || !FULL_DATE.test(fullDate)) return bundle;
  if (partial === undefined || !PARTIAL_DATE.test(partial) || !fullDate.startsWith(`${partial}-`))
    return bundle;
  const copy = structuredClone(bundle) as Json;
  const patient = patientOf(copy);
  if (patient !== undefined) patient.birthDate = fullDate;
  return copy;
}

/**
 * The import names the identity's patient, compared as an update compares them; an import's
 * partial birth date names every day within it.
 */
export function namesIdentity(bundle: unknown, identity: AuthoringIdentity): boolean {
  const typed = {
    entry: [
      {
        resource: {
          resourceType: 'Patient',
          name: [{ family: identity.family }],
          birthDate: identity.birthDate,
        },
      },
    ],
  };
  return samePatient(typed, withFullBirthDate(bundle, identity.birthDate));
}

/** A copy of the imported bundle whose Patient carries the identity as the doctor checked it. */
export function withIdentity(bundle: unknown, identity: AuthoringIdentity): unknown {
  if (!isObject(bundle)) return bundle;
  const copy = structuredClone(bundle);
  const patient = patientOf(copy);
  if (patient === undefined) return copy;
  const names = Array.isArray(patient.name) ? [...(patient.name as unknown[])] : [];
  const first = isObject(names[0]) ? names[0] : {};
  const sameGiven = given(first) === identity.given.trim();
  names[0] = {
    ...first,
    family: identity.family.trim(),
    ...(sameGiven ? {} : { given: [identity.given.trim()] }),
  };
  patient.name = names;
  patient.birthDate = identity.birthDate;
  if (identity.sex !== undefined) patient.gender = identity.sex;
  return copy;
}
