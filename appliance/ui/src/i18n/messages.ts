import type { fr } from './fr.ts';

type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language must provide: the keys of fr.ts, with strings widened. */
export type Messages = Widen<typeof fr>;
