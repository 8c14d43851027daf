import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../common/languages.ts';
import { ACCESS_LOG_WORDS } from '../../../common/access-log-words.ts';
import { LABELS } from '../../../receipts/labels.ts';
import { catalogues } from './catalogues.testing.ts';
import { ENDONYMS } from './endonyms.ts';
import { technicianCatalogues } from './technician.ts';
import { authoringCatalogues } from './authoring.ts';
import { UNTRANSLATED_ALLOWED } from './untranslated-allowed.ts';

/** Every leaf of a catalogue as `path → text`; sentences with arguments are called with fixed samples. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function')
    out.set(path, String((value as (...a: unknown[]) => unknown)('X', 7)));
  else if (Array.isArray(value))
    value.forEach((v, i) => leaves(v, `${path}[${i}]`).forEach((t, p) => out.set(p, t)));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      leaves(v, path ? `${path}.${k}` : k).forEach((t, p) => out.set(p, t));
  return out;
}

const SETS = {
  ui: catalogues,
  technician: technicianCatalogues,
  authoring: authoringCatalogues,
  receipt: LABELS,
  patientLog: ACCESS_LOG_WORDS,
} as const satisfies Record<string, Readonly<Record<Language, unknown>>>;

describe('five languages: nothing left in English', () => {
  for (const [set, byLanguage] of Object.entries(SETS)) {
    const english = leaves(byLanguage.en);
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      it(`${set} (${language}): every key, and no string identical to English unless reviewed`, () => {
        const own = leaves(byLanguage[language]);
        expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
        const identical = [...english]
          .filter(([path, text]) => own.get(path) === text)
          .map(([path]) => `${set}:${language}:${path}`)
          .filter((id) => !(id in UNTRANSLATED_ALLOWED));
        expect(identical).toEqual([]);
        for (const text of own.values()) expect(text.trim()).not.toBe('');
      });
    }
  }

  it('the reviewed list names only strings that really are identical to English', () => {
    const stale = Object.keys(UNTRANSLATED_ALLOWED).filter((id) => {
      const [set, language, path] = id.split(':') as [keyof typeof SETS, Language, string];
      const byLanguage = SETS[set];
      return !byLanguage || leaves(byLanguage[language]).get(path) !== leaves(byLanguage.en).get(path);
    });
    expect(stale).toEqual([]);
  });
});

describe('the language switch', () => {
  it('names each language as its own catalogue does (the switch cannot load them all)', () => {
    for (const language of LANGUAGES) expect(ENDONYMS[language]).toBe(catalogues[language].languageName);
  });
});
