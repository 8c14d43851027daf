/**
 * The page's pure helpers, run in Node by vitest (unit project): which screen a session view shows, the code keypad's input rules, the
 * per-boot secret read back after a restart, the activity throttle.
 */
import { expect, test } from 'vitest';
import { throttle } from './activity.ts';
import { groupsOf4, normalizeCodeChar } from './patient-code.ts';
import { screenFor } from './screen.ts';
import { secretFromHtml } from './secret.ts';
import { languageFromUrl } from '../i18n/index.ts';
import type { SessionView } from '../../../contract/session-view.ts';
import { base, nurse, openKey } from '../../../../test/e2e/support/fake-views.ts';

const view = (patch: Partial<SessionView>): SessionView => ({ ...base, revision: 1, bootId: 'b', ...patch });
const locked = { status: 'locked', failedAttempts: 0 } as const;

test('screenFor: every card and key combination maps to one screen', () => {
  const cases: [string, Partial<SessionView>, string][] = [
    ['nothing', {}, 'welcome'],
    ['key before card: the patient may type their code', { key: locked }, 'locked'],
    ['the patient’s code being tried', { key: { status: 'unlocking' } }, 'busy'],
    ['a key being read, no card', { key: { status: 'reading' } }, 'welcome'],
    [
      'PIN entry with a key in',
      { card: { status: 'pin_entry', pinLength: { min: 4, max: 8 }, lastAttemptWrong: false }, key: locked },
      'pin',
    ],
    ['checking PIN', { card: { status: 'checking_pin', pinLength: { min: 4, max: 8 } } }, 'pin'],
    ['authenticated, no key', { card: nurse }, 'welcome'],
    ['reading', { card: nurse, key: { status: 'reading' } }, 'busy'],
    ['unlocking', { card: nurse, key: { status: 'unlocking' } }, 'busy'],
    ['locked', { card: nurse, key: locked }, 'locked'],
    [
      'choosing a reason',
      { card: nurse, key: locked, breakGlass: { status: 'choosing_reason', reasons: ['x'] } },
      'break_glass',
    ],
    [
      'break-glass refused',
      { card: nurse, key: locked, breakGlass: { status: 'not_allowed', why: 'profession_not_allowed' } },
      'locked',
    ],
    ['open', openKey({ status: 'unsigned' }), 'summary'],
    [
      'key error wins over the card',
      { card: { status: 'blocked' }, key: { status: 'error', reason: 'unreadable' } },
      'key_error',
    ],
    ['blocked card', { card: { status: 'blocked' }, key: locked }, 'card_problem'],
    ['rejected card', { card: { status: 'rejected', reason: 'untrusted' } }, 'card_problem'],
    ['card error', { card: { status: 'card_error', reason: 'io' } }, 'card_problem'],
    ['card service down', { card: { status: 'service_unavailable' } }, 'card_problem'],
  ];
  for (const [name, patch, kind] of cases) expect(screenFor(view(patch)).kind, name).toBe(kind);
});

test('patient code input: Crockford aliases, nothing outside the alphabet, groups of 4', () => {
  expect(['a', 'o', 'O', 'i', 'L', 'z', '7'].map(normalizeCodeChar)).toEqual([
    'A',
    '0',
    '0',
    '1',
    '1',
    'Z',
    '7',
  ]);
  expect(['u', 'U', '-', ' ', '*', 'é', 'AB'].map(normalizeCodeChar)).toEqual(Array(7).fill(undefined));
  expect(groupsOf4('ABCDEFGHJK')).toEqual(['ABCD', 'EFGH', 'JK']);
});

test('the per-boot secret is read from a served page, never the bare placeholder', () => {
  expect(secretFromHtml('<meta name="baladeur-secret" content="s3cr3t">')).toBe('s3cr3t');
  expect(secretFromHtml('<meta name="baladeur-secret" content="%BALADEUR_SECRET%">')).toBeUndefined();
  expect(secretFromHtml('<html></html>')).toBeUndefined();
});

test('?lang= selects a known language only', () => {
  expect(languageFromUrl('?lang=en')).toBe('en');
  expect(languageFromUrl('?lang=de')).toBe('de');
  expect(languageFromUrl('?lang=es')).toBe('es');
  expect(languageFromUrl('?lang=it')).toBe('it');
  expect(languageFromUrl('?lang=pt')).toBeUndefined();
  expect(languageFromUrl('?lang=constructor')).toBeUndefined();
  expect(languageFromUrl('')).toBeUndefined();
});

test('activity is sent at most once per interval', () => {
  let now = 0;
  let sent = 0;
  const touch = throttle(
    () => (sent += 1),
    5_000,
    () => now,
  );
  touch();
  touch();
  now = 4_999;
  touch();
  now = 5_000;
  touch();
  expect(sent).toBe(2);
});
