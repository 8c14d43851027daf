/** Shared builders for the session machine tests. */
import type { ProfessionalIdentity, Profession } from '../../common/professions.ts';
import type { Summary } from '../../record/summary/types.ts';
import type { Command } from '../../contract/commands.ts';
import type { SessionEffect, SessionEvent } from './events.ts';
import { step } from './machine.ts';
import { initialState, type SessionPolicy, type SessionState } from './state.ts';
import { ABSENT_SECTIONS } from '../../record/summary/blank.ts';

export const POLICY: SessionPolicy = {
  provisioned: true,
  idleMs: 120_000,
  languages: ['fr', 'en'],
  defaultLanguage: 'fr',
  breakGlassProfessions: ['doctor', 'nurse', 'midwife'],
  codeProfessions: ['doctor', 'pharmacist', 'midwife', 'nurse'],
  breakGlassReasons: [
    { id: 'unconscious', label: { fr: 'Patient inconscient', en: 'Patient unconscious' } },
    {
      id: 'cannot_communicate',
      label: { fr: 'Patient incapable de communiquer', en: 'Patient cannot communicate' },
    },
  ],
};

export function identity(profession: Profession, n = 1): ProfessionalIdentity {
  return {
    name: `Test ${profession} ${n}`,
    nationalId: `8${String(n).padStart(11, '0')}`,
    profession,
    certificateFingerprint: `fp-${profession}-${n}`,
  };
}

export const SUMMARY: Summary = {
  patient: { name: 'SECRET-PATIENT-NAME' },
  authors: ['Dr Author'],
  allergies: {
    status: 'entries',
    items: [
      {
        id: 'a1',
        substance: { text: 'SECRET-ALLERGY-PENICILLIN', codings: [] },
        categories: ['medication'],
        criticality: 'high',
        reactions: [],
      },
    ],
  },
  medications: { status: 'absent' },
  ...ABSENT_SECTIONS,
};

export const RECORD = {
  recordId: 'rec-1',
  summary: SUMMARY,
  verification: { status: 'valid', signer: 'Dr Author' } as const,
};

export const cmd = (command: Command): SessionEvent => ({ type: 'command', command });
export const cardIn = (cardId: string): SessionEvent => ({
  type: 'card.status',
  status: { status: 'card_present', reader: 'r', cardId },
});
export const cardOut: SessionEvent = { type: 'card.status', status: { status: 'no_card', reader: 'r' } };
export const keyIn = (keyId: string): SessionEvent => ({
  type: 'key.status',
  status: { status: 'key_present', keyId },
});
export const keyOut: SessionEvent = { type: 'key.status', status: { status: 'no_key' } };

/**
 * Runs events in order. Result events may be given as functions of the state so far, to pick up
 * the request id the machine chose (as the shell does).
 */
export type Input = SessionEvent | ((s: SessionState, effects: readonly SessionEffect[]) => SessionEvent);

export function run(inputs: readonly Input[], start = initialState(POLICY), now = 1_000) {
  let state = start;
  const all: SessionEffect[] = [];
  let last: readonly SessionEffect[] = [];
  let refused = 0;
  for (const input of inputs) {
    const event = typeof input === 'function' ? input(state, all) : input;
    const out = step(state, event, now);
    state = out.state;
    last = out.effects;
    all.push(...out.effects);
    if (out.refused) refused += 1;
  }
  return { state, effects: all, last, refused };
}

function lastEffect<T extends SessionEffect['type']>(effects: readonly SessionEffect[], type: T) {
  const found = [...effects].reverse().find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} effect yet`);
  return found as Extract<SessionEffect, { type: T }>;
}

/** The card's answer to the last `login` effect. */
export const loginAs =
  (who: ProfessionalIdentity): Input =>
  (_s, effects) => {
    const e = lastEffect(effects, 'login');
    return {
      type: 'card.login_result',
      cardId: e.cardId,
      requestId: e.requestId,
      result: { status: 'authenticated', identity: who },
    };
  };

export const loginResult =
  (result: Extract<SessionEvent, { type: 'card.login_result' }>['result']): Input =>
  (_s, effects) => {
    const e = lastEffect(effects, 'login');
    return { type: 'card.login_result', cardId: e.cardId, requestId: e.requestId, result };
  };

export const readOk: Input = (_s, effects) => {
  const e = lastEffect(effects, 'read_key');
  return {
    type: 'key.read_result',
    keyId: e.keyId,
    requestId: e.requestId,
    result: { ok: true, value: null },
  };
};

export const openOk =
  (tier: 'emergency' | 'full', record = RECORD): Input =>
  (s) => {
    if (s.key.status !== 'unlocking') throw new Error('not unlocking');
    return {
      type: 'key.open_result',
      keyId: s.key.keyId,
      requestId: s.key.requestId,
      result: { ok: true, value: { tier, record } },
    };
  };

export const openFail =
  (
    error: Extract<SessionEvent, { type: 'key.open_result' }>['result'] extends infer R
      ? R extends { ok: false; error: infer E }
        ? E
        : never
      : never,
  ): Input =>
  (s) => {
    if (s.key.status !== 'unlocking') throw new Error('not unlocking');
    return {
      type: 'key.open_result',
      keyId: s.key.keyId,
      requestId: s.key.requestId,
      result: { ok: false, error },
    };
  };

/** The same site policy on a kiosk running its fallback configuration (not provisioned). */
export const UNPROVISIONED: SessionPolicy = { ...POLICY, provisioned: false };

/** Card inserted, PIN accepted for `who`. */
export const authenticated = (who: ProfessionalIdentity, cardId = 'card-1'): Input[] => [
  cardIn(cardId),
  cmd({ type: 'pin.submit', pin: '1234' }),
  loginAs(who),
];

/** Key inserted and read: locked. */
export const lockedKey = (keyId = 'key-1'): Input[] => [keyIn(keyId), readOk];
