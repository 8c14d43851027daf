/**
 * Defensive accessors for FHIR JSON. Real exporters put odd things in odd places; a reader never
 * throws on a value of the wrong type, it treats it as absent.
 */

export type JsonObject = { readonly [field: string]: unknown };

export function obj(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-blank string, trimmed; anything else is absent. */
export function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `field` of `value` when `value` is an object. */
export function at(value: unknown, field: string): unknown {
  return obj(value)?.[field];
}

/** Objects of an array field, skipping non-objects. */
export function objects(value: unknown): readonly JsonObject[] {
  const out: JsonObject[] = [];
  for (const item of arr(value)) {
    const o = obj(item);
    if (o !== undefined) out.push(o);
  }
  return out;
}
