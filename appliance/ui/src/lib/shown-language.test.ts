import { describe, expect, it } from 'vitest';
import type { Language } from '../../../common/languages.ts';
import { catalogues } from '../i18n/catalogues.testing.ts';
import type { Messages } from '../i18n/index.ts';
import { LanguageFollower, type ShownLanguage } from './shown-language.ts';

/** A loader whose loads the test settles by hand, in any order. */
function manualLoads() {
  const pending = new Map<Language, { resolve: (m: Messages) => void; reject: (e: Error) => void }>();
  const load = (language: Language) =>
    new Promise<Messages>((resolve, reject) => pending.set(language, { resolve, reject }));
  return {
    load,
    resolve: (language: Language) => pending.get(language)?.resolve(catalogues[language]),
    reject: (language: Language) => pending.get(language)?.reject(new Error('chunk failed')),
  };
}

function follower() {
  const loads = manualLoads();
  const seen: ShownLanguage[] = [];
  const f = new LanguageFollower({ language: 'fr', messages: catalogues.fr }, loads.load, (s) =>
    seen.push(s),
  );
  return { f, loads, seen, last: () => seen.at(-1) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the language on screen while catalogues load', () => {
  it('keeps the current language whole until the chosen one has loaded, then shows it whole', async () => {
    const { f, loads, seen, last } = follower();
    f.want('de');
    await flush();
    expect(seen).toEqual([]);
    loads.resolve('de');
    await flush();
    expect(last()).toEqual({ language: 'de', messages: catalogues.de });
  });

  it('shows only the latest choice when an earlier load finishes last', async () => {
    const { f, loads, last } = follower();
    f.want('de');
    f.want('it');
    loads.resolve('it');
    await flush();
    loads.resolve('de');
    await flush();
    expect(last()?.language).toBe('it');
    expect(last()?.messages).toBe(catalogues.it);
  });

  it('going back to the language on screen cancels a pending load', async () => {
    const { f, loads, last } = follower();
    f.want('es');
    f.want('fr');
    loads.resolve('es');
    await flush();
    expect(last()).toEqual({ language: 'fr', messages: catalogues.fr });
  });

  it('a failed load keeps the current language, says which failed, and a retry loads it', async () => {
    const { f, loads, last } = follower();
    f.want('en');
    loads.reject('en');
    await flush();
    expect(last()).toEqual({ language: 'fr', messages: catalogues.fr, failed: 'en' });
    f.retry();
    loads.resolve('en');
    await flush();
    expect(last()).toEqual({ language: 'en', messages: catalogues.en });
  });
});
