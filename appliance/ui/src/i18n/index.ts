import type { Language } from '../../../contract/session-view.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { Messages } from './messages.ts';

export type { Messages };

const catalogues: Readonly<Record<Language, Messages>> = { fr, en };

export function messagesFor(language: Language): Messages {
  return catalogues[language];
}

/** `?lang=en` in the page address selects English at load; French otherwise. */
export function languageFromUrl(search: string): Language | undefined {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'en' || lang === 'fr' ? lang : undefined;
}
