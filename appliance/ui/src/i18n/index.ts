import { isLanguage, type Language } from '../../../common/languages.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import type { Messages } from './messages.ts';

export type { Messages };

export const catalogues: Readonly<Record<Language, Messages>> = { fr, en, de, es, it };

export function messagesFor(language: Language): Messages {
  return catalogues[language];
}

/** `?lang=en|de|es|it` in the page address selects that language at load; French otherwise. */
export function languageFromUrl(search: string): Language | undefined {
  const lang = new URLSearchParams(search).get('lang');
  return isLanguage(lang) ? lang : undefined;
}
