/**
 * Whether two bundles are for the same patient (HZ-23): an update, or an import from the doctor's
 * software, never changes who a key is for. The first Patient of each: family name and birth date
 * equal, and no identifier system both carry with no value in common — two different INS (French
 * national health identifier, `urn:oid:1.2.250.1.213.1.4.8` and its NIA/test siblings) or any other
 * shared identifier scheme with different numbers mean two people, whatever their names say.
 */
interface PatientKey {
  readonly family: string;
  readonly birthDate: string;
  /** Identifier values by system (trimmed; an identifier without both is ignored). */
  readonly identifiers: ReadonlyMap<string, ReadonlySet<string>>;
}

function identifiersOf(resource: Record<string, unknown>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const list = Array.isArray(resource.identifier) ? (resource.identifier as unknown[]) : [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const { system, value } = item as { system?: unknown; value?: unknown };
    if (typeof system !== 'string' || typeof value !== 'string') continue;
    if (system.trim() === '' || value.trim() === '') continue;
    const values = out.get(system.trim()) ?? new Set<string>();
    values.add(value.replace(/\s/g, '').toUpperCase());
    out.set(system.trim(), values);
  }
  return out;
}

/** The first Patient's family name, birth date and identifiers, normalised; undefined without one. */
function patientOf(bundle: unknown): PatientKey | undefined {
  const entries = (bundle as { entry?: unknown } | null)?.entry;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries as { resource?: Record<string, unknown> }[]) {
    const resource = entry?.resource;
    if (resource?.resourceType !== 'Patient') continue;
    const names = Array.isArray(resource.name) ? (resource.name as { family?: unknown }[]) : [];
    const family = typeof names[0]?.family === 'string' ? names[0].family : '';
    const birthDate = typeof resource.birthDate === 'string' ? resource.birthDate : '';
    return {
      family: family.normalize('NFC').trim().toLocaleLowerCase('fr'),
      birthDate: birthDate.trim(),
      identifiers: identifiersOf(resource),
    };
  }
  return undefined;
}

function identifiersConflict(a: PatientKey, b: PatientKey): boolean {
  for (const [system, values] of a.identifiers) {
    const other = b.identifiers.get(system);
    if (other !== undefined && ![...values].some((v) => other.has(v))) return true;
  }
  return false;
}

/** The same patient: family name and birth date equal, and no shared identifier scheme disagrees. */
export function samePatient(before: unknown, after: unknown): boolean {
  const a = patientOf(before);
  const b = patientOf(after);
  return (
    a !== undefined &&
    b !== undefined &&
    a.family === b.family &&
    a.birthDate === b.birthDate &&
    !identifiersConflict(a, b)
  );
}
