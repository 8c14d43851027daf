/**
 * Drug classes used by the allergy class rules and the interaction table. Membership is by
 * substance key (vocabulary.ts): explicit lists plus INN stems from the WHO "Use of stems in the
 * selection of INN" (-cillin, cef-, -penem, -floxacin, -profen, -coxib, -oxicam, -barbital).
 * Sources and the clinical reasoning for each class are in docs/crosscheck.md, "Class rules".
 */
import { memoise } from '../memo.ts';
import { normaliseWord, normaliseWords } from '../normalise.ts';
import { type ClassId, DEFS } from './class-defs.ts';
import { substanceKey } from './vocabulary.ts';

export type { ClassId };

export const CLASS_IDS = Object.keys(DEFS) as ClassId[];

const MEMBERS = new Map<ClassId, Set<string>>(
  CLASS_IDS.map((id) => [id, new Set(DEFS[id].members.map(substanceKey))]),
);
const STEMS = new Map(
  CLASS_IDS.map((id) => [
    id,
    {
      suffixes: (DEFS[id].stem?.suffixes ?? []).map(normaliseWord),
      prefixes: (DEFS[id].stem?.prefixes ?? []).map(normaliseWord),
    },
  ]),
);
const TERMS = CLASS_IDS.map((id) => ({
  id,
  terms: (DEFS[id].terms ?? []).map((t) =>
    t.map((w) => ({ word: normaliseWords(w)[0] as string, prefix: w.endsWith('*') })),
  ),
}));

/** Classes a substance (by key) belongs to. */
export const classesOfKey: (key: string) => readonly ClassId[] = memoise((key: string): ClassId[] => {
  const words = key.split(' ');
  return CLASS_IDS.filter((id) => {
    if (MEMBERS.get(id)?.has(key)) return true;
    const stem = STEMS.get(id);
    if (stem === undefined) return false;
    return words.some(
      (w) => stem.suffixes.some((x) => w.endsWith(x)) || stem.prefixes.some((x) => w.startsWith(x)),
    );
  });
});

/** Classes an ATC code belongs to (by prefix). */
export function classesOfAtc(code: string): ClassId[] {
  const c = code.trim().toUpperCase();
  return CLASS_IDS.filter((id) => (DEFS[id].atc ?? []).some((prefix) => c.startsWith(prefix)));
}

/**
 * Classes named in a free text (an allergy's substance text): every term's words must start
 * consecutive words of the text ("pénicillines" starts with "penicillin").
 */
export function classesNamedIn(text: string): ClassId[] {
  const words = normaliseWords(text);
  return TERMS.filter(({ terms }) =>
    terms.some((term) =>
      words.some((_, i) =>
        term.every((t, j) => {
          const w = words[i + j] ?? '';
          return t.prefix ? w.startsWith(t.word) : w === t.word;
        }),
      ),
    ),
  ).map(({ id }) => id);
}

export const BETA_LACTAMS: readonly ClassId[] = [
  'penicillins',
  'cephalosporins',
  'carbapenems',
  'monobactams',
];

/** "bêta-lactamines", "beta-lactam antibiotics", "Betalaktam". */
export function namesBetaLactams(text: string): boolean {
  const joined = normaliseWords(text).join('');
  return /(beta|b)la[ck]tam/.test(joined);
}
