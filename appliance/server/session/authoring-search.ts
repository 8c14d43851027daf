/**
 * The allergy and medication pickers' search (issue 16): BDPM products whose name holds every
 * word of the query, and the active substances of those products whose name holds them too.
 */
import type { DrugKnowledge } from '../../crosscheck/knowledge.ts';
import type { AuthoringSearchView } from '../../contract/authoring.ts';

export const AUTHORING_SEARCH_LIMIT = 8;

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');

export function searchDrugs(knowledge: DrugKnowledge, query: string): AuthoringSearchView['matches'] {
  const products = knowledge.searchByName(query, AUTHORING_SEARCH_LIMIT * 3);
  const words = fold(query)
    .split(/\s+/u)
    .filter((w) => w !== '');
  const substances = new Map<string, string>();
  for (const product of products) {
    for (const substance of knowledge.substancesOf(product.cis)) {
      const name = fold(substance.name);
      if (words.every((w) => name.includes(w)) && !substances.has(substance.code))
        substances.set(substance.code, substance.name);
    }
  }
  return [
    ...[...substances]
      .slice(0, AUTHORING_SEARCH_LIMIT)
      .map(([code, label]) => ({ kind: 'substance' as const, code, label })),
    ...products
      .slice(0, AUTHORING_SEARCH_LIMIT)
      .map((p) => ({ kind: 'product' as const, code: p.cis, label: p.name })),
  ];
}
