/**
 * What a keyboard-wedge scanner types for a drug box, parsed to GTIN/CIP13, expiry, lot and
 * serial. Accepted forms (docs/crosscheck.md, "Scanning"):
 *  - GS1 element strings (DataMatrix, GS1-128) with FNC1 sent as GS (0x1D), as a textual
 *    substitute ("<GS>", "[GS]", "{GS}", "<FNC1>", "^]") or dropped altogether; with or without
 *    a symbology identifier ("]d2", "]C1", "]Q3", "]e0"); AIs in any order;
 *  - the human-readable form with parentheses, "(01)03400…(17)…";
 *  - a bare GTIN-14, CIP13 (EAN-13) or CIP7.
 * Without separators, a variable field (lot, serial) ends where the rest parses as known AIs:
 * every complete parse is found; readings with an expiry (17) are preferred to readings where a
 * lot swallowed it; they must then agree on GTIN and expiry or the scan is refused as
 * ambiguous; when they only disagree on lot/serial, the parse that keeps all four French AIs
 * (01, 17, 10, 21) with the shortest lot is returned, flagged `lotSerialAmbiguous`.
 */
import { err, ok, type Result } from '../../common/result.ts';
import { type AiSpec, aiAt, CSET82 } from './ais.ts';
import { hasValidCheckDigit } from './check-digit.ts';
import { isValidYymmdd } from './expiry.ts';

export interface ParsedScan {
  readonly form: 'gs1' | 'gtin14' | 'cip13' | 'cip7';
  readonly gtin?: string;
  /** The 13-digit EAN/CIP13 inside a GTIN-14 that starts with "0". */
  readonly cip13?: string;
  readonly cip7?: string;
  /** YYMMDD as encoded (day 00 = end of month); see expiry.ts. */
  readonly expiry?: string;
  readonly lot?: string;
  readonly serial?: string;
  /** Other AIs present, by AI. */
  readonly other: Readonly<Record<string, string>>;
  /** True when the separators were missing and the lot/serial split could be read two ways. */
  readonly lotSerialAmbiguous: boolean;
}

export type ScanError =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too_long'; readonly length: number }
  | { readonly kind: 'bad_characters' }
  | { readonly kind: 'bad_check_digit'; readonly code: string }
  | { readonly kind: 'bad_date'; readonly ai: string; readonly value: string }
  | { readonly kind: 'unknown_ai'; readonly at: number }
  | { readonly kind: 'truncated'; readonly ai: string }
  | { readonly kind: 'duplicate_ai'; readonly ai: string }
  | { readonly kind: 'missing_gtin' }
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'not_recognised' };

export const MAX_SCAN_LENGTH = 200;

// FNC1 reaches us as the ASCII group separator (GS1 General Specifications §7.8.5.2), and some
// scanners send RS/FS instead: these regular expressions match control characters on purpose.
/* eslint-disable no-control-regex */
const GS = '\u001d';
/** Beyond this many readings of one scan, it is refused as ambiguous rather than guessed. */
const MAX_PARSES = 64;
/** Without separators only the four AIs of the EU/French pharmaceutical code are recognised. */
const UNDELIMITED_AIS = new Set(['01', '17', '10', '21']);
const SUBSTITUTES = /<GS>|\[GS\]|\{GS\}|<FNC1>|\^\]|\u001e|\u001c/gi;
const SYMBOLOGY_ID = /^\][A-Za-z][0-9A-Za-z]/;

type Fields = Map<string, string>;

function validateField(spec: AiSpec, value: string): ScanError | undefined {
  if (spec.numeric && !/^\d+$/.test(value)) return { kind: 'bad_characters' };
  if (!CSET82.test(value)) return { kind: 'bad_characters' };
  if ((spec.ai === '01' || spec.ai === '02' || spec.ai === '00') && !hasValidCheckDigit(value)) {
    return { kind: 'bad_check_digit', code: value };
  }
  if (['11', '12', '13', '15', '16', '17'].includes(spec.ai) && !isValidYymmdd(value)) {
    return { kind: 'bad_date', ai: spec.ai, value };
  }
  return undefined;
}

/**
 * All complete parses of one GS-free segment (bounded by MAX_PARSES). With separators
 * (`delimited`), a variable field runs to the end of its segment, as the standard requires;
 * without, every end is tried.
 */
function parseSegment(
  data: string,
  at: number,
  seen: Fields,
  out: Fields[],
  errors: ScanError[],
  delimited: boolean,
): void {
  if (out.length > MAX_PARSES) return;
  if (at === data.length) {
    out.push(new Map(seen));
    return;
  }
  const spec = aiAt(data, at);
  if (spec === undefined || (!delimited && !UNDELIMITED_AIS.has(spec.ai))) {
    errors.push({ kind: 'unknown_ai', at });
    return;
  }
  if (seen.has(spec.ai)) {
    errors.push({ kind: 'duplicate_ai', ai: spec.ai });
    return;
  }
  const start = at + spec.ai.length;
  const rest = data.length - start;
  const ends =
    spec.kind === 'fixed'
      ? [start + spec.length]
      : delimited && rest <= spec.max
        ? rest > 0
          ? [data.length]
          : []
        : Array.from({ length: Math.min(spec.max, rest) }, (_, i) => start + i + 1);
  if (ends.length === 0 || (ends[0] as number) > data.length) {
    errors.push({ kind: 'truncated', ai: spec.ai });
    return;
  }
  for (const end of ends) {
    const value = data.slice(start, end);
    const problem = validateField(spec, value);
    if (problem !== undefined) {
      errors.push(problem);
      continue;
    }
    seen.set(spec.ai, value);
    parseSegment(data, end, seen, out, errors, delimited);
    seen.delete(spec.ai);
  }
}

function fromFields(fields: Fields, ambiguous: boolean): Result<ParsedScan, ScanError> {
  const gtin = fields.get('01');
  if (gtin === undefined) return err({ kind: 'missing_gtin' });
  const other: Record<string, string> = {};
  for (const [ai, value] of fields) if (!['01', '17', '10', '21'].includes(ai)) other[ai] = value;
  return ok({
    form: 'gs1',
    gtin,
    ...(gtin.startsWith('0') ? { cip13: gtin.slice(1) } : {}),
    ...(fields.has('17') ? { expiry: fields.get('17') } : {}),
    ...(fields.has('10') ? { lot: fields.get('10') } : {}),
    ...(fields.has('21') ? { serial: fields.get('21') } : {}),
    other,
    lotSerialAmbiguous: ambiguous,
  });
}

function parseElementString(segments: readonly string[], delimited: boolean): Result<ParsedScan, ScanError> {
  let parses: Fields[] = [new Map()];
  const errors: ScanError[] = [];
  for (const segment of segments) {
    const next: Fields[] = [];
    for (const seen of parses) {
      const out: Fields[] = [];
      parseSegment(segment, 0, new Map(seen), out, errors, delimited);
      if (out.length > MAX_PARSES) return err({ kind: 'ambiguous' });
      next.push(...out);
    }
    parses = next;
    if (parses.length === 0) return err(errors[0] ?? { kind: 'not_recognised' });
  }
  // A reading where a lot or serial swallowed the GTIN or the expiry is set aside.
  parses = parses.filter((f) => f.has('01'));
  if (parses.length === 0) return err({ kind: 'missing_gtin' });
  if (parses.some((f) => f.has('17'))) parses = parses.filter((f) => f.has('17'));
  const key = (f: Fields): string => `${f.get('01') ?? ''}|${f.get('17') ?? ''}`;
  if (new Set(parses.map(key)).size > 1) return err({ kind: 'ambiguous' });
  const french = (f: Fields): number => (['01', '17', '10', '21'].every((ai) => f.has(ai)) ? 0 : 1);
  const ranked = [...parses].sort(
    (a, b) => french(a) - french(b) || (a.get('10')?.length ?? 0) - (b.get('10')?.length ?? 0),
  );
  const variants = new Set(parses.map((f) => `${f.get('10') ?? ''}|${f.get('21') ?? ''}`));
  return fromFields(ranked[0] as Fields, variants.size > 1);
}

function bare(code: string): Result<ParsedScan, ScanError> | undefined {
  const base = { other: {}, lotSerialAmbiguous: false };
  if (/^\d{7}$/.test(code)) return ok({ form: 'cip7', cip7: code, ...base });
  if (/^\d{13}$/.test(code)) {
    return hasValidCheckDigit(code)
      ? ok({ form: 'cip13', cip13: code, ...base })
      : err({ kind: 'bad_check_digit', code });
  }
  if (/^\d{14}$/.test(code)) {
    if (!hasValidCheckDigit(code)) return err({ kind: 'bad_check_digit', code });
    return ok({
      form: 'gtin14',
      gtin: code,
      ...(code.startsWith('0') ? { cip13: code.slice(1) } : {}),
      ...base,
    });
  }
  return undefined;
}

/** `text` without the runs of `char` at both ends (a loop: a `/x+$/` regex is quadratic on runs). */
function withoutOuter(text: string, char: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === char) start += 1;
  while (end > start && text[end - 1] === char) end -= 1;
  return text.slice(start, end);
}

export function parseScan(input: string): Result<ParsedScan, ScanError> {
  if (input.length > MAX_SCAN_LENGTH) return err({ kind: 'too_long', length: input.length });
  let data = input.trim();
  if (data === '') return err({ kind: 'empty' });
  data = data.replace(SYMBOLOGY_ID, '').replace(SUBSTITUTES, GS);
  // A leading FNC1 (as GS) is the GS1 flag character itself, not a separator.
  data = withoutOuter(data, GS);
  const plain = bare(data);
  if (plain !== undefined) return plain;
  if (/^\(\d{2,4}\)/.test(data)) {
    // Human-readable interpretation: "(01)…(17)…" — the parentheses delimit every AI.
    const segments = data.split(/(?=\(\d{2,4}\))/).map((s) => s.replace(/^\((\d{2,4})\)/, '$1'));
    return parseElementString(segments, true);
  }
  if (!/^[\u001d!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/.test(data)) return err({ kind: 'bad_characters' });
  const segments = data.split(GS).filter((s) => s !== '');
  return parseElementString(segments, segments.length > 1);
}
/* eslint-enable no-control-regex */
