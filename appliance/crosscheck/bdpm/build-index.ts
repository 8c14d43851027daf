/** Builds the compact index (index-format.ts) from the four BDPM files' bytes. Pure. */
import { createHash } from 'node:crypto';
import type { GenericRole } from '../knowledge.ts';
import { normaliseWords } from '../normalise.ts';
import {
  type BdpmIndex,
  type BoxTuple,
  type GroupTuple,
  INDEX_FORMAT,
  INDEX_VERSION,
  type ProductTuple,
  type SubstanceTuple,
} from './index-format.ts';
import {
  BDPM_FILES,
  type BdpmFileKind,
  type CompositionRow,
  type Parsed,
  parseBoxes,
  parseCompositions,
  parseGenerics,
  parseProducts,
} from './parse.ts';

export type BdpmSources = Readonly<Record<BdpmFileKind, Uint8Array>>;

export interface BuildReport {
  readonly lines: Readonly<Record<BdpmFileKind, number>>;
  readonly rejected: Readonly<Record<BdpmFileKind, { count: number; sample: readonly number[] }>>;
}

/** sha256 over the four files, in a fixed order, each prefixed by its name and length. */
export function hashSources(sources: BdpmSources): string {
  const hash = createHash('sha256');
  for (const kind of Object.keys(BDPM_FILES).sort() as BdpmFileKind[]) {
    const bytes = sources[kind];
    hash.update(`${BDPM_FILES[kind]}:${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** Keeps, for each (product, element, link number), the FT row when there is one, else the SA rows. */
class StringTable {
  readonly strings: string[] = [];
  private readonly positions = new Map<string, number>();
  at(value: string): number {
    let position = this.positions.get(value);
    if (position === undefined) {
      position = this.strings.length;
      this.strings.push(value);
      this.positions.set(value, position);
    }
    return position;
  }
}

function preferTherapeuticFraction(rows: readonly CompositionRow[], s: StringTable): SubstanceTuple[] {
  const saNames = new Map<string, string>();
  const withFt = new Set<string>();
  for (const r of rows) {
    const key = `${r.cis}|${r.element}|${r.link}`;
    if (r.nature === 'FT') withFt.add(key);
    else if (!saNames.has(key)) saNames.set(key, r.name);
  }
  const seen = new Set<string>();
  const out: SubstanceTuple[] = [];
  for (const r of rows) {
    const key = `${r.cis}|${r.element}|${r.link}`;
    if (withFt.has(key) && r.nature === 'SA') continue;
    // Several elements (e.g. the same product as tablets and granules) repeat the substance.
    const dedupe = `${r.cis}|${r.code}|${r.name}|${r.dosage}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const weighedAs = r.nature === 'FT' ? (saNames.get(key) ?? '') : '';
    out.push([
      r.cis,
      s.at(r.code),
      s.at(r.name),
      s.at(r.dosage),
      s.at(r.reference),
      r.nature,
      s.at(r.element),
      s.at(weighedAs),
    ]);
  }
  return out;
}

export function buildIndex(sources: BdpmSources): { index: BdpmIndex; report: BuildReport } {
  const products = parseProducts(sources.products);
  const boxes = parseBoxes(sources.boxes);
  const compositions = parseCompositions(sources.compositions);
  const generics = parseGenerics(sources.generics);

  const groups = new Map<
    string,
    { label: string; members: { cis: string; role: GenericRole; order: number }[] }
  >();
  for (const g of generics.rows) {
    const group = groups.get(g.groupId) ?? { label: g.label, members: [] };
    group.members.push({ cis: g.cis, role: g.role, order: g.order });
    groups.set(g.groupId, group);
  }

  const s = new StringTable();
  const productTuples = products.rows.map((p): ProductTuple => [
    p.cis,
    s.at(p.name),
    s.at(normaliseWords(p.name).join(' ')),
    s.at(p.form),
    s.at(p.routes),
    s.at(p.authorisation),
    s.at(p.marketed),
    s.at(p.holder),
  ]);
  const boxTuples = boxes.rows.map((b): BoxTuple => [
    b.cip13,
    b.cip7,
    b.cis,
    s.at(b.label),
    s.at(b.status),
    s.at(b.marketing),
  ]);
  const substanceTuples = preferTherapeuticFraction(compositions.rows, s);
  const index: BdpmIndex = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    sourceHash: hashSources(sources),
    strings: s.strings,
    products: productTuples,
    boxes: boxTuples,
    substances: substanceTuples,
    groups: [...groups].map(([id, g]): GroupTuple => [
      id,
      g.label,
      g.members.sort((a, b) => a.order - b.order).map((m): [string, GenericRole] => [m.cis, m.role]),
    ]),
  };
  const parsed: Record<BdpmFileKind, Parsed<unknown>> = { products, boxes, compositions, generics };
  const kinds = Object.keys(BDPM_FILES) as BdpmFileKind[];
  return {
    index,
    report: {
      lines: Object.fromEntries(kinds.map((k) => [k, parsed[k].lines])) as Record<BdpmFileKind, number>,
      rejected: Object.fromEntries(kinds.map((k) => [k, parsed[k].rejected])) as BuildReport['rejected'],
    },
  };
}
