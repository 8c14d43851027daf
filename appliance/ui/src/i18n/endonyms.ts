import type { Language } from '../../../common/languages.ts';

/**
 * Each language's name in that language, for the language switch: the page ships only the
 * catalogue in use, so the switch cannot read the others' `languageName` (catalogues.test.ts
 * checks they agree).
 */
export const ENDONYMS: Readonly<Record<Language, string>> = {
  fr: 'Français',
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  it: 'Italiano',
};
