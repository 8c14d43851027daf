/**
 * Set by vite.config.ts: false in the image's build (BALADEUR_UI_DOCK=0), so the dev dock's code is
 * not in the shipped page at all, whatever the server says its mode is.
 */
declare const __BALADEUR_DOCK__: boolean;
