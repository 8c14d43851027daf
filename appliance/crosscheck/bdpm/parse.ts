/**
 * Row parsers for the four BDPM files (columns as in the BDPM "contenu et format des fichiers"
 * notice). Malformed rows are counted, never thrown: a release is judged by `validateRelease`.
 */
import type { GenericRole } from '../knowledge.ts';
import { decodeLines, splitFields } from './decode.ts';

export const BDPM_FILES = {
  products: 'CIS_bdpm.txt',
  boxes: 'CIS_CIP_bdpm.txt',
  compositions: 'CIS_COMPO_bdpm.txt',
  generics: 'CIS_GENER_bdpm.txt',
} as const;

export type BdpmFileKind = keyof typeof BDPM_FILES;

export interface ProductRow {
  readonly cis: string;
  readonly name: string;
  readonly form: string;
  readonly routes: string;
  readonly authorisation: string;
  readonly marketed: string;
  readonly holder: string;
}

export interface BoxRow {
  readonly cis: string;
  readonly cip7: string;
  readonly label: string;
  readonly status: string;
  readonly marketing: string;
  readonly cip13: string;
}

export interface CompositionRow {
  readonly cis: string;
  readonly element: string;
  readonly code: string;
  readonly name: string;
  readonly dosage: string;
  readonly reference: string;
  readonly nature: 'SA' | 'FT';
  readonly link: string;
}

export interface GenericRow {
  readonly groupId: string;
  readonly label: string;
  readonly cis: string;
  readonly role: GenericRole;
  readonly order: number;
}

export interface Parsed<T> {
  readonly rows: T[];
  readonly lines: number;
  /** 1-based line numbers of rows that could not be read (first 20). */
  readonly rejected: { readonly count: number; readonly sample: readonly number[] };
}

const CIS = /^\d{8}$/;
const CIP7 = /^\d{7}$/;
const CIP13 = /^\d{13}$/;

function parseWith<T>(buffer: Uint8Array, row: (fields: string[]) => T | undefined): Parsed<T> {
  const lines = decodeLines(buffer);
  const rows: T[] = [];
  const sample: number[] = [];
  let count = 0;
  lines.forEach((line, i) => {
    const value = row(splitFields(line));
    if (value === undefined) {
      count++;
      if (sample.length < 20) sample.push(i + 1);
    } else rows.push(value);
  });
  return { rows, lines: lines.length, rejected: { count, sample } };
}

export function parseProducts(buffer: Uint8Array): Parsed<ProductRow> {
  return parseWith(buffer, (f) => {
    const [cis = '', name = '', form = '', routes = '', authorisation = '', , marketed = ''] = f;
    if (!CIS.test(cis) || name === '') return undefined;
    return { cis, name, form, routes, authorisation, marketed, holder: f[10] ?? '' };
  });
}

export function parseBoxes(buffer: Uint8Array): Parsed<BoxRow> {
  return parseWith(buffer, (f) => {
    const [cis = '', cip7 = '', label = '', status = '', marketing = '', , cip13 = ''] = f;
    if (!CIS.test(cis) || !CIP13.test(cip13) || !(cip7 === '' || CIP7.test(cip7))) return undefined;
    return { cis, cip7, label, status, marketing, cip13 };
  });
}

/**
 * Some rows carry extra empty columns between the substance name and the dosage: the first
 * four columns are read from the start, nature and link number from the end, and dosage and
 * reference are the last two columns in between.
 */
export function parseCompositions(buffer: Uint8Array): Parsed<CompositionRow> {
  return parseWith(buffer, (f) => {
    if (f.length < 8) return undefined;
    const [cis = '', element = '', code = '', name = ''] = f;
    const link = f[f.length - 1] ?? '';
    const nature = f[f.length - 2];
    const middle = f.slice(4, f.length - 2);
    if (middle.length > 2 && middle.slice(0, middle.length - 2).some((x) => x !== '')) return undefined;
    const reference = middle[middle.length - 1] ?? '';
    const dosage = middle.length >= 2 ? (middle[middle.length - 2] ?? '') : '';
    if (!CIS.test(cis) || name === '' || (nature !== 'SA' && nature !== 'FT')) return undefined;
    return { cis, element, code, name, dosage, reference, nature, link };
  });
}

const ROLES: Record<string, GenericRole> = {
  '0': 'princeps',
  '1': 'generic',
  '2': 'complementary',
  '4': 'substitutable',
};

/** Group labels may be followed by stray empty columns: CIS, type and order are read from the end. */
export function parseGenerics(buffer: Uint8Array): Parsed<GenericRow> {
  return parseWith(buffer, (f) => {
    if (f.length < 5) return undefined;
    const groupId = f[0] ?? '';
    const order = Number(f[f.length - 1]);
    const type = f[f.length - 2] ?? '';
    const cis = f[f.length - 3] ?? '';
    const label = f
      .slice(1, f.length - 3)
      .filter((x) => x !== '')
      .join(' ');
    if (!/^\d+$/.test(groupId) || !CIS.test(cis) || !Number.isInteger(order)) return undefined;
    return { groupId, label, cis, role: ROLES[type] ?? 'unknown', order };
  });
}
