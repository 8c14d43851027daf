/**
 * A lookup table for keys that come from hostile input: without a prototype, so that a key such
 * as "valueOf" or "constructor" (a FHIR resourceType or code on a crafted key) finds nothing
 * instead of Object.prototype's functions (found by fuzzing, issue 15).
 */
export function table<V>(entries: Readonly<Record<string, V>>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}
