import { describe, expect } from 'vitest';
import type { SessionEvent } from './events.ts';
import {
  authenticated,
  cardIn,
  cardOut,
  cmd,
  identity,
  loginResult,
  type Input,
} from './fixtures.testing.ts';
import { itTransitions, types, viewOf, type Row } from './transitions.testing.ts';

const nurse = identity('nurse');

const pivIn = (cardId: string): SessionEvent => ({
  type: 'card.status',
  status: { status: 'card_present', reader: 'r', cardId, pinLength: { min: 6, max: 8 } },
});

/** Card `c` inserted and `pin` submitted: the PIN is being checked. */
const submitted = (pin: string): Input[] => [cardIn('c'), cmd({ type: 'pin.submit', pin })];
/** The card's answer to request 1: `cardId` authenticated as the nurse. */
const nurseLogin = (cardId: string): SessionEvent => ({
  type: 'card.login_result',
  cardId,
  requestId: 1,
  result: { status: 'authenticated', identity: nurse },
});

const rows: Row[] = [
  {
    title: 'card inserted → PIN entry, retries queried',
    inputs: [cardIn('c')],
    card: 'pin_entry',
    check: (r) => expect(types(r.effects)).toContain('query_pin_retries'),
  },
  {
    title: 'PIN submitted → checking, login effect carries cardId',
    inputs: submitted('1234'),
    card: 'checking',
    check: (r) => expect(r.last).toContainEqual({ type: 'login', cardId: 'c', requestId: 1, pin: '1234' }),
  },
  {
    title: 'PIN accepted → authenticated + audit',
    inputs: authenticated(nurse),
    card: 'authenticated',
    check: (r) =>
      expect(r.effects).toContainEqual({
        type: 'audit',
        event: { event: 'card_authenticated', who: { nationalId: nurse.nationalId, profession: 'nurse' } },
      }),
  },
  {
    title: 'wrong PIN → PIN entry with retries left',
    inputs: [...submitted('0000'), loginResult({ status: 'wrong_pin', retriesLeft: 2 })],
    card: 'pin_entry',
    check: (r) =>
      expect(viewOf(r.state).card).toEqual({
        status: 'pin_entry',
        pinLength: { min: 4, max: 8 },
        retriesLeft: 2,
        lastAttemptWrong: true,
      }),
  },
  {
    title: 'wrong PIN with 0 retries → blocked + audit pin_blocked',
    inputs: [...submitted('0000'), loginResult({ status: 'wrong_pin', retriesLeft: 0 })],
    card: 'blocked',
    check: (r) => expect(r.effects).toContainEqual({ type: 'audit', event: { event: 'pin_blocked' } }),
  },
  {
    title: 'card reports blocked → blocked',
    inputs: [...submitted('0000'), loginResult({ status: 'blocked' })],
    card: 'blocked',
  },
  {
    title: 'retries query says 0 → blocked before any PIN',
    inputs: [cardIn('c'), { type: 'card.retries', cardId: 'c', retriesLeft: 0 }],
    card: 'blocked',
  },
  {
    title: 'retries for another card are ignored',
    inputs: [cardIn('c'), { type: 'card.retries', cardId: 'other', retriesLeft: 1 }],
    card: 'pin_entry',
    check: (r) =>
      expect(viewOf(r.state).card).toEqual({
        status: 'pin_entry',
        pinLength: { min: 4, max: 8 },
        lastAttemptWrong: false,
      }),
  },
  {
    title: 'expired certificate → rejected + audit',
    inputs: [...submitted('1' + '234'), loginResult({ status: 'rejected', reason: 'expired' })],
    card: 'rejected',
    check: (r) =>
      expect(r.effects).toContainEqual({
        type: 'audit',
        event: { event: 'card_rejected', reason: 'expired' },
      }),
  },
  {
    title: 'card error during login → card_error',
    inputs: [...submitted('1234'), loginResult({ status: 'card_error', reason: 'unresponsive' })],
    card: 'card_error',
  },
  { title: 'HZ-15 card pulled during PIN entry → absent', inputs: [cardIn('c'), cardOut], card: 'absent' },
  {
    title: 'HZ-15 card pulled while the PIN is checked → absent; the late login result is ignored',
    inputs: [...submitted('1234'), cardOut, nurseLogin('c')],
    card: 'absent',
  },
  {
    title: 'HZ-15 card swapped for another card → new unauthenticated PIN entry',
    inputs: [...authenticated(nurse, 'c1'), cardIn('c2')],
    card: 'pin_entry',
  },
  {
    title: 'HZ-15 a login result for the previous card is ignored after a swap',
    inputs: [cardIn('c1'), cmd({ type: 'pin.submit', pin: '1234' }), cardIn('c2'), nurseLogin('c1')],
    card: 'pin_entry',
  },
  {
    title: 'same card reported again → unchanged session',
    inputs: [...authenticated(nurse, 'c1'), cardIn('c1')],
    card: 'authenticated',
  },
  {
    title: 'service unavailable → card service_unavailable',
    inputs: [...authenticated(nurse), { type: 'card.status', status: { status: 'service_unavailable' } }],
    card: 'service_unavailable',
    check: (r) => expect(viewOf(r.state).devices.reader).toBe('service_unavailable'),
  },
  {
    title: 'reader card_error → card_error',
    inputs: [{ type: 'card.status', status: { status: 'card_error', reader: 'r', reason: 'unknown_card' } }],
    card: 'card_error',
  },
  {
    title: "the keypad offers the card's PIN lengths (PIV 6–8), also after a wrong PIN",
    inputs: [
      pivIn('c'),
      cmd({ type: 'pin.submit', pin: '123456' }),
      loginResult({ status: 'wrong_pin', retriesLeft: 2 }),
    ],
    card: 'pin_entry',
    check: (r) => expect(viewOf(r.state).card).toMatchObject({ pinLength: { min: 6, max: 8 } }),
  },
  {
    title: "the card's PIN lengths while its PIN is checked",
    inputs: [pivIn('c'), cmd({ type: 'pin.submit', pin: '123456' })],
    card: 'checking',
    check: (r) =>
      expect(viewOf(r.state).card).toEqual({ status: 'checking_pin', pinLength: { min: 6, max: 8 } }),
  },
  {
    title: "a removed card's PIN lengths do not outlive it",
    inputs: [pivIn('c'), cardOut, cardIn('d')],
    card: 'pin_entry',
    check: (r) => expect(viewOf(r.state).card).toMatchObject({ pinLength: { min: 4, max: 8 } }),
  },
  {
    title: 'wrong PIN, retries not told (PKCS#11) → PIN entry without a count, not blocked',
    inputs: [...submitted('0000'), loginResult({ status: 'wrong_pin' })],
    card: 'pin_entry',
    check: (r) => {
      const card = viewOf(r.state).card;
      expect(card).toMatchObject({ status: 'pin_entry', lastAttemptWrong: true });
      expect(card).not.toHaveProperty('retriesLeft');
    },
  },
  {
    title: 'PIN submit without a card is refused',
    inputs: [cmd({ type: 'pin.submit', pin: '1234' })],
    card: 'absent',
    check: (r) => expect(r.refused).toBe(1),
  },
];

describe('session machine transitions: card and PIN', () => {
  itTransitions(rows);
});
