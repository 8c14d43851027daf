/** Helpers that drop decrypted data from a state. Used on card/key removal, swap, idle and close. */
import type { SessionEffect } from './events.ts';
import type { KeyState, SessionState } from './state.ts';

export interface Partial {
  readonly state: SessionState;
  readonly effects: SessionEffect[];
}

/** The key as it is once its decrypted content is gone: `locked` again, or unchanged. */
export function relock(key: KeyState, resetAttempts: boolean): KeyState {
  switch (key.status) {
    case 'open':
      return { status: 'locked', keyId: key.keyId, recordId: key.record.recordId, failedAttempts: 0 };
    case 'unlocking':
      return {
        status: 'locked',
        keyId: key.keyId,
        ...(key.recordId !== undefined ? { recordId: key.recordId } : {}),
        failedAttempts: resetAttempts ? 0 : key.failedAttempts,
      };
    case 'locked':
      return resetAttempts
        ? {
            status: 'locked',
            keyId: key.keyId,
            ...(key.recordId !== undefined ? { recordId: key.recordId } : {}),
            failedAttempts: 0,
          }
        : key;
    default:
      return key;
  }
}

/** Stops any print job and closes break-glass; `key` replaces the key state. */
export function withKey(state: SessionState, key: KeyState): Partial {
  const effects: SessionEffect[] = [];
  if (state.print.status === 'active') effects.push({ type: 'abort_print', jobId: state.print.jobId });
  return {
    state: { ...state, key, breakGlass: { status: 'closed' }, print: { status: 'idle' } },
    effects,
  };
}

/** Everything decrypted goes; the key stays inserted but locked. */
export function wipeDecrypted(state: SessionState, resetAttempts = false): Partial {
  return withKey(state, relock(state.key, resetAttempts));
}
