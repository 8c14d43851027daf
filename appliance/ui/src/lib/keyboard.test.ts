/** The on-screen keyboard's logic (lib/keyboard.ts): caret, selection, shift, accents, limits. */
import { describe, expect, it } from 'vitest';
import {
  ACCENT_ROW,
  LETTER_ROWS,
  charFor,
  deleteBackward,
  insertText,
  isPhoneNumber,
  parseBirthDate,
  press,
  type KeyPress,
  type KeyboardState,
} from './keyboard.ts';

const at = (value: string, start = value.length, end = start): KeyboardState => ({
  field: { value, start, end },
  shift: 'off',
});

function typeAll(state: KeyboardState, keys: readonly KeyPress[], maxLength?: number): KeyboardState {
  return keys.reduce((s, key) => press(s, key, maxLength).state, state);
}
const char = (c: string): KeyPress => ({ kind: 'char', char: c });

describe('on-screen keyboard', () => {
  it('types at the caret, not at the end', () => {
    const { state } = press(at('Dupnt', 3), char('o'));
    expect(state.field).toEqual({ value: 'Dupont', start: 4, end: 4 });
  });

  it('replaces a selection and backspace deletes a selection whole', () => {
    expect(insertText({ value: 'pénicilline', start: 0, end: 11 }, 'a')).toEqual({
      value: 'a',
      start: 1,
      end: 1,
    });
    expect(deleteBackward({ value: 'amoxicilline', start: 4, end: 12 })).toEqual({
      value: 'amox',
      start: 4,
      end: 4,
    });
  });

  it('backspace removes the character before the caret, nothing at the start', () => {
    expect(deleteBackward({ value: 'abc', start: 2, end: 2 })).toEqual({ value: 'ac', start: 1, end: 1 });
    expect(deleteBackward({ value: 'abc', start: 0, end: 0 })).toEqual({ value: 'abc', start: 0, end: 0 });
    // A character outside the BMP (typed by a wedge keyboard or pasted) goes in one press.
    expect(deleteBackward({ value: 'a😀', start: 3, end: 3 })).toEqual({ value: 'a', start: 1, end: 1 });
  });

  it('shift once gives one capital, then letters are small again; locked stays until pressed', () => {
    const once = typeAll(at(''), [
      { kind: 'shift' },
      char('é'),
      char('l'),
      char('o'),
      char('d'),
      char('i'),
      char('e'),
    ]);
    expect(once.field.value).toBe('Élodie');
    expect(once.shift).toBe('off');
    const locked = typeAll(at(''), [{ kind: 'shift' }, { kind: 'shift' }, char('c'), char('œ'), char('ç')]);
    expect(locked.field.value).toBe('CŒÇ');
    expect(locked.shift).toBe('locked');
    expect(typeAll(locked, [{ kind: 'shift' }, char('a')]).field.value).toBe('CŒÇa');
  });

  it('every accented letter has its capital', () => {
    for (const letter of ACCENT_ROW) {
      const capital = charFor(letter, 'once');
      expect(capital, letter).not.toBe(letter);
      expect(capital.toLocaleLowerCase('fr'), letter).toBe(letter);
    }
    expect(ACCENT_ROW).toEqual(expect.arrayContaining(['é', 'è', 'à', 'ç', 'œ']));
  });

  it('is AZERTY: a z e r t y on the first row, q and m on the second, w on the third', () => {
    expect(LETTER_ROWS[0].slice(0, 6).join('')).toBe('azerty');
    expect(LETTER_ROWS[1][0]).toBe('q');
    expect(LETTER_ROWS[1][9]).toBe('m');
    expect(LETTER_ROWS[2][0]).toBe('w');
  });

  it('a field’s maximum length is kept: extra characters are dropped, space included', () => {
    const full = typeAll(at('abc'), [char('d'), { kind: 'space' }, char('e')], 4);
    expect(full.field.value).toBe('abcd');
    expect(insertText({ value: 'ab', start: 1, end: 1 }, 'xyz', 4)).toEqual({
      value: 'axyb',
      start: 3,
      end: 3,
    });
  });

  it('space types a space; enter changes nothing and asks the field’s owner to submit', () => {
    expect(press(at('a'), { kind: 'space' }).state.field.value).toBe('a ');
    const enter = press(at('a'), { kind: 'enter' });
    expect(enter.submit).toBe(true);
    expect(enter.state.field.value).toBe('a');
  });

  it('a caret beyond the value (the field changed under it) is clamped', () => {
    expect(press(at('ab', 9, 9), char('c')).state.field).toEqual({ value: 'abc', start: 3, end: 3 });
  });
});

describe('birth date and phone number, as typed on the numeric keyboard', () => {
  const today = new Date('2026-12-03T12:00:00Z');
  it('DD/MM/YYYY becomes YYYY-MM-DD', () => {
    expect(parseBirthDate('05/03/1950', today)).toBe('1950-03-05');
    expect(parseBirthDate('5/3/1950', today)).toBe('1950-03-05');
    expect(parseBirthDate('03/12/2026', today)).toBe('2026-12-03');
  });
  it('no impossible, future or too old date', () => {
    for (const bad of [
      '31/02/1950',
      '00/01/1950',
      '12/13/1950',
      '04/12/2026',
      '01/01/1899',
      '1950-03-05',
      '',
      '05/03/50',
    ])
      expect(parseBirthDate(bad, today), bad).toBeUndefined();
    expect(parseBirthDate('29/02/2024', today)).toBe('2024-02-29');
    expect(parseBirthDate('29/02/2023', today)).toBeUndefined();
  });
  it('phone numbers: French and international forms; not letters, not too short', () => {
    for (const ok of ['06 12 34 56 78', '+33 6 12 34 56 78', '0612345678', '01.23.45.67.89'])
      expect(isPhoneNumber(ok), ok).toBe(true);
    for (const bad of ['12345', 'zero six', '+33 6 12 34 56 78 90 12 34', '06+12'])
      expect(isPhoneNumber(bad), bad).toBe(false);
  });
});
