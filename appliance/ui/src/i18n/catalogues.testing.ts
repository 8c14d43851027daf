/** All five page catalogues at once, for tests (the page loads them one at a time: index.ts). */
import type { Language } from '../../../common/languages.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import type { Messages } from './messages.ts';

export const catalogues: Readonly<Record<Language, Messages>> = { fr, en, de, es, it };

export function messagesFor(language: Language): Messages {
  return catalogues[language];
}
