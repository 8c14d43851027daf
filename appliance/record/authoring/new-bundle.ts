/**
 * A new record made at the kiosk: a minimal IPS document (IPS IG 1.1: Composition, Patient, the
 * three required sections) for the identity the author typed, to which the draft's edits apply.
 * Required sections start with "no information" (IPS absent-unknown), never silent.
 */
import { addToSection, sectionFor, type Json } from './bundle-access.ts';
import { noInformation, seededIds, withIds } from './resources.ts';
import { randomUUID } from 'node:crypto';
import type { AuthoringIdentity } from './types.ts';

export function newRecordBundle(identity: AuthoringIdentity, now: Date, seed?: string): Json {
  const ids = seed === undefined ? randomUUID : seededIds(`${seed}/new`);
  return withIds(ids, () => build(identity, now, ids));
}

function build(identity: AuthoringIdentity, now: Date, randomUUID: () => string): Json {
  const patientId = randomUUID();
  const patientUrl = `urn:uuid:${patientId}`;
  const patient: Json = {
    resourceType: 'Patient',
    id: patientId,
    name: [{ family: identity.family.trim(), given: [identity.given.trim()] }],
    birthDate: identity.birthDate,
    ...(identity.sex === undefined ? {} : { gender: identity.sex }),
  };
  const composition: Json = {
    resourceType: 'Composition',
    id: randomUUID(),
    status: 'final',
    type: { coding: [{ system: 'http://loinc.org', code: '60591-5', display: 'Patient summary Document' }] },
    subject: { reference: patientUrl },
    date: now.toISOString(),
    author: [],
    title: 'Patient Summary',
    section: [],
  };
  const bundle: Json = {
    resourceType: 'Bundle',
    id: randomUUID(),
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${randomUUID()}` },
    type: 'document',
    timestamp: now.toISOString(),
    entry: [
      { fullUrl: `urn:uuid:${String(composition.id)}`, resource: composition },
      { fullUrl: patientUrl, resource: patient },
    ],
  };
  for (const section of ['allergies', 'medications', 'problems'] as const)
    addToSection(bundle, sectionFor(bundle, section), noInformation(patientUrl, section));
  return bundle;
}
