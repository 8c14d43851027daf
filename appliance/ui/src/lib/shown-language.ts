import type { Language } from '../../../common/languages.ts';
import type { Messages } from '../i18n/index.ts';

/** The language on screen: always one whole catalogue; `failed` names a choice that did not load. */
export interface ShownLanguage {
  readonly language: Language;
  readonly messages: Messages;
  readonly failed?: Language;
}

/**
 * Follows the session's language while catalogues load on demand: the screen keeps the language
 * it shows until the chosen one has loaded whole (never a half-translated or empty screen), and
 * only the latest choice is ever shown, whatever order the loads finish in.
 */
export class LanguageFollower {
  #shown: ShownLanguage;
  #wanted: Language;

  constructor(
    initial: ShownLanguage,
    private readonly load: (language: Language) => Promise<Messages>,
    private readonly show: (shown: ShownLanguage) => void,
  ) {
    this.#shown = initial;
    this.#wanted = initial.language;
  }

  want(language: Language): void {
    if (language === this.#wanted) return;
    this.#wanted = language;
    if (language === this.#shown.language) {
      this.#set({ language, messages: this.#shown.messages });
      return;
    }
    this.load(language).then(
      (messages) => {
        if (this.#wanted === language) this.#set({ language, messages });
      },
      () => {
        if (this.#wanted === language) this.#set({ ...this.#shown, failed: language });
      },
    );
  }

  /** Loads the language that failed again. */
  retry(): void {
    const failed = this.#shown.failed;
    if (failed === undefined) return;
    this.#wanted = this.#shown.language;
    this.want(failed);
  }

  #set(shown: ShownLanguage): void {
    this.#shown = shown;
    this.show(shown);
  }
}
