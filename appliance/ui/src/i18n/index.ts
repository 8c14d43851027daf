import { isLanguage, type Language } from '../../../common/languages.ts';
import { fr } from './fr.ts';
import type { Messages } from './messages.ts';

export type { Messages };

/** French, the kiosk's default language, ships in the page; the others load when chosen. */
export const defaultMessages: Messages = fr;

const loaders: Readonly<Record<Language, () => Promise<Messages>>> = {
  fr: () => Promise.resolve(fr),
  en: () => import('./en.ts').then((m) => m.en),
  de: () => import('./de.ts').then((m) => m.de),
  es: () => import('./es.ts').then((m) => m.es),
  it: () => import('./it.ts').then((m) => m.it),
};

/** The whole catalogue of one language (its own chunk but French's). */
export function loadMessages(language: Language): Promise<Messages> {
  return loaders[language]();
}

/** `?lang=en|de|es|it` in the page address selects that language at load; French otherwise. */
export function languageFromUrl(search: string): Language | undefined {
  const lang = new URLSearchParams(search).get('lang');
  return isLanguage(lang) ? lang : undefined;
}
