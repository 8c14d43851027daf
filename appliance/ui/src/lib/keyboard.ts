/**
 * The on-screen keyboard's logic (the kiosk has a touchscreen and no keyboard): the French AZERTY
 * letters with an accent row, and a numeric variant for birth dates and phone numbers; what a key
 * press does to a field's value and caret; the shift key (once, locked, off). The component
 * (components/keyboard/OnScreenKeyboard.svelte) only draws the keys and applies the result.
 */
import { assertNever } from '../../../common/result.ts';

export type KeyboardVariant = 'text' | 'numeric';

/** once: the next letter only is upper case; locked: until shift is pressed again. */
export type Shift = 'off' | 'once' | 'locked';

export type KeyPress =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'space' }
  | { readonly kind: 'backspace' }
  | { readonly kind: 'shift' }
  | { readonly kind: 'enter' };

/** A text field's content and selection (caret: start === end), as `HTMLInputElement` has them. */
export interface FieldState {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

export interface KeyboardState {
  readonly field: FieldState;
  readonly shift: Shift;
}

/** What a key press leads to: the new state, and whether the field's owner should act (Enter). */
export interface PressResult {
  readonly state: KeyboardState;
  readonly submit: boolean;
}

export const DIGITS_ROW = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
/** French AZERTY letter rows (the punctuation French names and addresses need at the row ends). */
export const LETTER_ROWS = [
  ['a', 'z', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['q', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm'],
  ['w', 'x', 'c', 'v', 'b', 'n', '’', ',', '.', '-'],
] as const;
/** The accented letters of French, each with its capital through shift. */
export const ACCENT_ROW = [
  'é',
  'è',
  'ê',
  'ë',
  'à',
  'â',
  'ä',
  'ç',
  'ù',
  'û',
  'ü',
  'ô',
  'ö',
  'î',
  'ï',
  'œ',
  'æ',
] as const;
/** Birth dates (DD/MM/YYYY) and phone numbers (+33 6 …). */
export const NUMERIC_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['+', '0', '/'],
] as const;

/** The character a letter key types under the current shift (œ → Œ, ç → Ç …). */
export function charFor(char: string, shift: Shift): string {
  return shift === 'off' ? char : char.toLocaleUpperCase('fr');
}

export function nextShift(shift: Shift): Shift {
  switch (shift) {
    case 'off':
      return 'once';
    case 'once':
      return 'locked';
    case 'locked':
      return 'off';
    default:
      return assertNever(shift, 'shift');
  }
}

function clampField(field: FieldState): FieldState {
  const length = field.value.length;
  const start = Math.max(0, Math.min(field.start, length));
  const end = Math.max(start, Math.min(field.end, length));
  return { value: field.value, start, end };
}

/** Types `text` over the selection, within `maxLength` (characters beyond it are dropped). */
export function insertText(field: FieldState, text: string, maxLength?: number): FieldState {
  const f = clampField(field);
  const before = f.value.slice(0, f.start);
  const after = f.value.slice(f.end);
  const room = maxLength === undefined ? text.length : Math.max(0, maxLength - before.length - after.length);
  const typed = Array.from(text).slice(0, room).join('');
  const value = before + typed + after;
  const caret = before.length + typed.length;
  return { value, start: caret, end: caret };
}

/** Deletes the selection, or the character (a whole code point) before the caret. */
export function deleteBackward(field: FieldState): FieldState {
  const f = clampField(field);
  if (f.start !== f.end)
    return { value: f.value.slice(0, f.start) + f.value.slice(f.end), start: f.start, end: f.start };
  if (f.start === 0) return f;
  const low = f.value.charCodeAt(f.start - 1);
  const high = f.start >= 2 ? f.value.charCodeAt(f.start - 2) : 0;
  const width = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
  const start = f.start - width;
  return { value: f.value.slice(0, start) + f.value.slice(f.start), start, end: start };
}

/** One key press on the field. */
export function press(state: KeyboardState, key: KeyPress, maxLength?: number): PressResult {
  switch (key.kind) {
    case 'char':
      return {
        state: {
          field: insertText(state.field, charFor(key.char, state.shift), maxLength),
          shift: state.shift === 'once' ? 'off' : state.shift,
        },
        submit: false,
      };
    case 'space':
      return { state: { ...state, field: insertText(state.field, ' ', maxLength) }, submit: false };
    case 'backspace':
      return { state: { ...state, field: deleteBackward(state.field) }, submit: false };
    case 'shift':
      return { state: { ...state, shift: nextShift(state.shift) }, submit: false };
    case 'enter':
      return { state, submit: true };
    default:
      return assertNever(key, 'key press');
  }
}

/**
 * A birth date as typed on the numeric keyboard (DD/MM/YYYY, French order) → `YYYY-MM-DD`, or
 * undefined when it is not a real calendar date, is in the future, or before 1900.
 */
export function parseBirthDate(typed: string, today: Date = new Date()): string | undefined {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(typed);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900) return undefined;
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (date.getTime() > todayUtc) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A phone number as typed: digits, spaces, one leading +, dots or hyphens; 6 to 15 digits. */
export function isPhoneNumber(typed: string): boolean {
  const trimmed = typed.trim();
  if (!/^\+?[0-9 .-]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/[^0-9]/g, '').length;
  return digits >= 6 && digits <= 15;
}
