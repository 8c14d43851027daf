/** Key transitions: insertion, reading, unlocking (HZ-01: a result for another key or request is ignored). */
import { assertNever, type Result } from '../../common/result.ts';
import type { KeyErrorReason, Tier } from '../../contract/session-view.ts';
import { signingCard } from './authoring.ts';
import { codeBlockedUntil, withWrongCode } from './code-throttle.ts';
import type { AuditEvent, KeySignal, OpenFailure, SessionEffect } from './events.ts';
import type { KeyState, LockedError, OpenRecord, SessionState } from './state.ts';
import { withKey, type Partial } from './wipe.ts';

const recordIdOf = (key: { readonly recordId?: string }): { recordId?: string } =>
  key.recordId !== undefined ? { recordId: key.recordId } : {};

function keyIdOf(key: KeyState): string | undefined {
  return 'keyId' in key ? key.keyId : undefined;
}

/**
 * A key to read as a patient key: the old record is dropped in this same step, before anything of
 * the new key is read. On a kiosk not provisioned the key is never read (HZ-06, HZ-15).
 */
export function readInsertedKey(state: SessionState, keyId: string): Partial {
  if (!state.policy.provisioned) return withKey(state, { status: 'error', keyId, reason: 'not_provisioned' });
  const requestId = state.nextRequestId;
  const next = withKey({ ...state, nextRequestId: requestId + 1 }, { status: 'reading', keyId, requestId });
  return { state: next.state, effects: [...next.effects, { type: 'read_key', keyId, requestId }] };
}

export function onKeySignal(state: SessionState, signal: KeySignal): Partial {
  const usbKey = {
    no_key: 'none',
    key_present: 'present',
    several_keys: 'several',
    key_error: 'error',
  } as const;
  const s = { ...state, devices: { ...state.devices, usbKey: usbKey[signal.status] } };
  switch (signal.status) {
    case 'no_key':
      return withKey(s, { status: 'absent' });
    case 'key_present':
      if (keyIdOf(state.key) === signal.keyId) return { state: s, effects: [] };
      return readInsertedKey(s, signal.keyId);
    case 'several_keys':
      return withKey(s, { status: 'error', reason: 'several_keys' });
    case 'key_error':
      return withKey(s, { status: 'error', reason: 'unreadable' });
    default:
      return assertNever(signal, 'key signal');
  }
}

export function onReadResult(
  state: SessionState,
  keyId: string,
  requestId: number,
  result: Result<null, KeyErrorReason>,
  recordId?: string,
): Partial {
  const key = state.key;
  if (key.status !== 'reading' || key.keyId !== keyId || key.requestId !== requestId)
    return { state, effects: [] };
  const next: KeyState = result.ok
    ? { status: 'locked', keyId, ...(recordId !== undefined ? { recordId } : {}), failedAttempts: 0 }
    : { status: 'error', keyId, reason: result.error };
  return { state: { ...state, key: next }, effects: [] };
}

export function onOpenResult(
  state: SessionState,
  keyId: string,
  requestId: number,
  result: Result<{ readonly tier: Tier; readonly record: OpenRecord }, OpenFailure>,
  now: number,
): Partial {
  const key = state.key;
  const card = state.card;
  // An opening nobody sees any more (the card left or changed meanwhile): its code leaves the worker too.
  const dropped: SessionEffect[] =
    result.ok && result.value.tier === 'full' ? [{ type: 'author_forget', keyId }] : [];
  if (key.status !== 'unlocking' || key.keyId !== keyId || key.requestId !== requestId)
    return { state, effects: dropped };
  // Invariant: removing or swapping the card relocks the key, so an unlock in flight has its card;
  // a patient's unlock (no card) is relocked when a card arrives meanwhile.
  const patient = key.patient === true;
  if (patient ? card.status !== 'absent' : card.status !== 'authenticated') {
    return {
      state: {
        ...state,
        key: { status: 'locked', keyId, ...recordIdOf(key), failedAttempts: key.failedAttempts },
      },
      effects: dropped,
    };
  }
  const actor =
    card.status === 'authenticated'
      ? { who: { nationalId: card.identity.nationalId, profession: card.identity.profession } }
      : { patient: true as const };
  if (!result.ok) {
    const locked = (lastError: LockedError, failedAttempts: number, s: SessionState = state): Partial => ({
      state: { ...s, key: { status: 'locked', keyId, ...recordIdOf(key), failedAttempts, lastError } },
      effects: [],
    });
    switch (result.error) {
      case 'wrong_code': {
        // Counted per record across insertions when the record is known, else per insertion.
        const recordId = key.recordId;
        const codeAttempts =
          recordId === undefined ? state.codeAttempts : withWrongCode(state.codeAttempts, recordId, now);
        const attempts = recordId === undefined ? undefined : codeAttempts.get(recordId);
        const blockedUntil = codeBlockedUntil(attempts, now);
        const next = locked('wrong_code', key.failedAttempts + 1, { ...state, codeAttempts });
        const event: AuditEvent = {
          event: 'wrong_code',
          ...actor,
          ...(recordId !== undefined ? { recordId } : {}),
          failedAttempts: attempts?.failures ?? key.failedAttempts + 1,
          ...(blockedUntil !== undefined ? { blockedSeconds: Math.round((blockedUntil - now) / 1000) } : {}),
        };
        return { state: next.state, effects: [{ type: 'audit', event }] };
      }
      case 'typo':
      case 'emergency_unavailable':
        return locked(result.error, key.failedAttempts);
      default:
        return { state: { ...state, key: { status: 'error', keyId, reason: result.error } }, effects: [] };
    }
  }
  const { tier, record } = result.value;
  const breakGlass = key.via === 'emergency';
  const effects: SessionEffect[] = [
    { type: 'audit', event: { event: 'key_opened', ...actor, recordId: record.recordId, tier, breakGlass } },
  ];
  // The patient reading their own key adds nothing to its access log (docs/patient-view.md).
  if (card.status !== 'authenticated')
    return {
      state: { ...state, key: { status: 'open', keyId, tier, breakGlass, record, patient: true } },
      effects,
    };
  const who = { nationalId: card.identity.nationalId, profession: card.identity.profession };
  if (breakGlass) {
    effects.push({
      type: 'audit',
      event: {
        event: 'break_glass',
        who,
        recordId: record.recordId,
        reason: key.reason?.category ?? 'other',
      },
    });
  }
  effects.push({
    type: 'append_access_log',
    keyId,
    entry: {
      tier,
      breakGlass,
      ...(key.reason ? { reason: key.reason.text } : {}),
      by: {
        name: card.identity.name,
        nationalId: card.identity.nationalId,
        profession: card.identity.profession,
      },
    },
  });
  const opened: SessionState = {
    ...state,
    key: { status: 'open', keyId, tier, breakGlass, record, accessLogWriting: true },
  };
  // The key's worker keeps the code of a full-tier opening for a draft (docs/usb-keys.md): only a
  // card that may author a record (site recordSigning.professions) leaves it there.
  if (tier === 'full' && signingCard(opened) === undefined) effects.push({ type: 'author_forget', keyId });
  return { state: opened, effects };
}

export function onAccessLogResult(
  state: SessionState,
  keyId: string,
  result: 'written' | 'read_only' | 'write_failed',
): Partial {
  const key = state.key;
  if (key.status !== 'open' || key.keyId !== keyId) return { state, effects: [] };
  const { accessLogWriting: _written, ...rest } = key;
  return {
    state: { ...state, key: result === 'written' ? rest : { ...rest, accessLogWarning: result } },
    effects: [],
  };
}
