/**
 * The compact, read-only drug index built from a BDPM release: arrays of tuples (no repeated
 * keys) whose text columns are indices into one table of distinct strings (forms, statuses and
 * holders repeat thousands of times), so a 15 000-product release is one small JSON.parse.
 */
import type { GenericRole } from '../knowledge.ts';

export const INDEX_FORMAT = 'baladeur-bdpm-index';
/** 4: product names normalised with the plural and ll/a/o folds of normalise.ts. */
export const INDEX_VERSION = 4;

/** A position in `BdpmIndex.strings`. */
export type Str = number;
/** [cis, name, normalised name words (space-separated), form, routes (";"-separated), authorisation, marketed, holder] */
export type ProductTuple = [string, Str, Str, Str, Str, Str, Str, Str];
/** [cip13, cip7, cis, label, status, marketing] */
export type BoxTuple = [string, string, string, Str, Str, Str];
/** [cis, code, name, dosage, reference, nature, element, SA name for an FT row or ""] — FT preferred over SA per link number */
export type SubstanceTuple = [string, Str, Str, Str, Str, 'SA' | 'FT', Str, Str];
/** [groupId, label, [cis, role][]] */
export type GroupTuple = [string, string, [string, GenericRole][]];

export interface BdpmIndex {
  readonly format: typeof INDEX_FORMAT;
  readonly version: typeof INDEX_VERSION;
  readonly sourceHash: string;
  readonly strings: string[];
  readonly products: ProductTuple[];
  readonly boxes: BoxTuple[];
  readonly substances: SubstanceTuple[];
  readonly groups: GroupTuple[];
}

export function isBdpmIndex(value: unknown, sourceHash: string): value is BdpmIndex {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['format'] === INDEX_FORMAT &&
    v['version'] === INDEX_VERSION &&
    v['sourceHash'] === sourceHash &&
    Array.isArray(v['strings']) &&
    Array.isArray(v['products']) &&
    Array.isArray(v['boxes']) &&
    Array.isArray(v['substances']) &&
    Array.isArray(v['groups'])
  );
}
