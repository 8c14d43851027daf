/**
 * Record text → text that can only ever print (HZ-16). Applied to every string that comes from a
 * record before layout. Removes everything a printer or a text renderer could act on: C0 controls
 * (NUL, ESC 1Bh, GS 1Dh, DLE 10h, FS 1Ch, …), DEL, C1 controls (80h–9Fh, which WPC1252 printers
 * would otherwise print as € ‚ ƒ …), bidirectional overrides (which reorder text drawn as an
 * image), the BOM and other invisible format characters. Line breaks are kept as `\n`, tabs become
 * spaces. The code page check (`code-page.ts`) is the second wall: a character is only sent as a
 * byte when that byte is ≥ 20h and not 7Fh.
 */

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029\v\f]/g;
// C0 (except \n), DEL, C1, soft hyphen, zero-width space, LRM/RLM, bidi embeddings/overrides/isolates,
// word joiner and invisible operators, BOM, interlinear annotation characters.
const REMOVED =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function sanitiseText(value: string): string {
  return value
    .normalize('NFC')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(LINE_BREAKS, '\n')
    .replace(/\t/g, ' ')
    .replace(REMOVED, '');
}
