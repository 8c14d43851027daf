/**
 * `DrugKnowledge` over a loaded BDPM index. Only key → tuple maps are built at load; the
 * objects handed out are made on lookup, so loading stays a JSON.parse plus a few maps.
 */
import type { DrugBox, DrugKnowledge, DrugProduct, DrugSubstance, GenericGroup } from '../knowledge.ts';
import { normaliseWords } from '../normalise.ts';
import type { BdpmIndex, BoxTuple, ProductTuple, SubstanceTuple } from './index-format.ts';

const collator = new Intl.Collator('fr');

export const BDPM_SOURCE = 'BDPM (base de données publique des médicaments, ANSM/HAS/CNAM)';

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}

export function knowledgeFromIndex(index: BdpmIndex): DrugKnowledge {
  const str = (i: number): string => index.strings[i] ?? '';
  const products = new Map<string, ProductTuple>(index.products.map((p) => [p[0], p]));
  const byCip13 = new Map<string, BoxTuple>(index.boxes.map((b) => [b[0], b]));
  const byCip7 = new Map<string, BoxTuple>(index.boxes.filter((b) => b[1] !== '').map((b) => [b[1], b]));
  const boxesByCis = groupBy(index.boxes, (b) => b[2]);
  const substances = groupBy(index.substances, (s) => s[0]);
  const groups = new Map<string, GenericGroup>();
  for (const [id, label, members] of index.groups) {
    const group: GenericGroup = { id, label, members: members.map(([cis, role]) => ({ cis, role })) };
    for (const [cis] of members) if (!groups.has(cis)) groups.set(cis, group);
  }

  const product = (t: ProductTuple): DrugProduct => ({
    cis: t[0],
    name: str(t[1]),
    form: str(t[3]),
    routes: str(t[4])
      .split(';')
      .map((r) => r.trim())
      .filter((r) => r !== ''),
    authorisation: str(t[5]),
    marketed: str(t[6]),
    holder: str(t[7]),
  });
  const box = (t: BoxTuple): DrugBox => ({
    cip13: t[0],
    cip7: t[1],
    cis: t[2],
    label: str(t[3]),
    status: str(t[4]),
    marketing: str(t[5]),
  });
  const substance = (t: SubstanceTuple): DrugSubstance => ({
    code: str(t[1]),
    name: str(t[2]),
    dosage: str(t[3]),
    reference: str(t[4]),
    nature: t[5],
    element: str(t[6]),
    ...(str(t[7]) !== '' ? { weighedAs: str(t[7]) } : {}),
  });

  // Built on first use: only the free-text reading of a record needs them.
  let byFirstWord: Map<string, string[]> | undefined;
  let substanceWords: Set<string> | undefined;
  const firstWordIndex = (): Map<string, string[]> => {
    if (byFirstWord !== undefined) return byFirstWord;
    byFirstWord = new Map<string, string[]>();
    for (const t of index.products) {
      const first = str(t[2]).split(' ')[0] ?? '';
      const list = byFirstWord.get(first);
      if (list === undefined) byFirstWord.set(first, [t[0]]);
      else list.push(t[0]);
    }
    return byFirstWord;
  };
  const substanceWordSet = (): Set<string> => {
    if (substanceWords !== undefined) return substanceWords;
    substanceWords = new Set<string>();
    const names = new Set<number>();
    for (const t of index.substances) names.add(t[2]).add(t[7]);
    for (const i of names) for (const w of normaliseWords(str(i))) substanceWords.add(w);
    return substanceWords;
  };

  return {
    info: {
      source: BDPM_SOURCE,
      sourceHash: index.sourceHash,
      counts: {
        products: products.size,
        boxes: byCip13.size,
        substances: index.substances.length,
        genericGroups: index.groups.length,
      },
    },
    findByCip13: (cip13) => {
      const t = byCip13.get(cip13);
      return t === undefined ? undefined : box(t);
    },
    findByCip7: (cip7) => {
      const t = byCip7.get(cip7);
      return t === undefined ? undefined : box(t);
    },
    findByCis: (cis) => {
      const t = products.get(cis);
      return t === undefined ? undefined : product(t);
    },
    boxesOf: (cis) => (boxesByCis.get(cis) ?? []).map(box),
    substancesOf: (cis) => (substances.get(cis) ?? []).map(substance),
    genericGroupOf: (cis) => groups.get(cis),
    searchByName(query, limit) {
      const words = normaliseWords(query).map((w) => ` ${w}`);
      if (words.length === 0 || limit <= 0) return [];
      const hits: { t: ProductTuple; rank: number }[] = [];
      for (const t of index.products) {
        const name = ` ${str(t[2])}`;
        // Every query word must start a word of the name (" amox" matches " amoxicillin").
        if (!words.every((w) => name.includes(w))) continue;
        const marketed = /^commercialis/i.test(str(t[6]));
        hits.push({ t, rank: (name.startsWith(words[0] as string) ? 0 : 2) + (marketed ? 0 : 1) });
      }
      hits.sort((a, b) => a.rank - b.rank || collator.compare(str(a.t[1]), str(b.t[1])));
      return hits.slice(0, limit).map((h) => product(h.t));
    },
    productsByFirstWord: (word) => firstWordIndex().get(word) ?? [],
    isSubstanceWord: (word) => substanceWordSet().has(word),
  };
}
