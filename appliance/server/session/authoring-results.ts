/**
 * Authoring outcomes (issue 16): the worker's previews and write results, and how the draft
 * follows the card and the key after every step (HZ-22: a draft never outlives its card or key).
 */
import type { AuthoringState, AuthoringWriteFailure } from './authoring-state.ts';
import { previewed, withAuthoring } from './authoring.ts';
import { onImportResult, syncImport } from './authoring-import.ts';
import type { SessionEvent } from './events.ts';
import type { SessionState } from './state.ts';
import type { Partial } from './wipe.ts';

type AuthoringResult = Extract<SessionEvent, { type: `authoring.${string}` }>;

function failureReason(authoring: AuthoringState, failure: AuthoringWriteFailure) {
  if (failure.reason === 'pin_wrong') return 'sign_failed' as const;
  if (authoring.cardGone && failure.reason === 'sign_failed') return 'card_removed' as const;
  return failure.reason;
}

export function onAuthoringResult(state: SessionState, event: AuthoringResult, now: number): Partial {
  const authoring = state.authoring;
  const unchanged = { state, effects: [] };
  if (authoring === undefined) return unchanged;
  switch (event.type) {
    case 'authoring.export_scanned':
    case 'authoring.export_read':
      return onImportResult(state, event);
    case 'authoring.preview_result': {
      if (authoring.previewRequestId !== event.requestId) return unchanged;
      const { previewRequestId: _answered, ...rest } = authoring;
      if (event.result.ok && event.result.value.importRefused !== undefined) {
        // The imported bundle is another patient's: dropped, the edits previewed on the key's record.
        const { imported: _refused, ...kept } = rest;
        const retried = previewed(state, { ...kept, importOutcome: event.result.value.importRefused });
        return retried === 'refused' ? withAuthoring(state, undefined) : retried;
      }
      if (event.result.ok) return withAuthoring(state, { ...rest, preview: event.result.value });
      // The edit that cannot apply leaves the draft; the rest is previewed again.
      const { index, code } = event.result.error;
      const edits = authoring.edits.filter((_, i) => i !== index);
      const retried = previewed(state, { ...rest, edits, lastEditError: code });
      return retried === 'refused' ? withAuthoring(state, undefined) : retried;
    }
    case 'authoring.sealed': {
      const p = authoring.phase;
      if (p.status !== 'signing' || p.requestId !== event.requestId) return unchanged;
      return withAuthoring(state, { ...authoring, phase: { status: 'writing', requestId: p.requestId } });
    }
    case 'authoring.write_result': {
      const p = authoring.phase;
      if ((p.status !== 'signing' && p.status !== 'writing') || p.requestId !== event.requestId)
        return unchanged;
      const who = authoring.actor;
      const kind = authoring.mode;
      if (!event.result.ok) {
        const failure = event.result.error;
        if (failure.reason === 'pin_wrong' && !authoring.cardGone) {
          const retries = failure.retriesLeft !== undefined ? { retriesLeft: failure.retriesLeft } : {};
          return withAuthoring(state, { ...authoring, phase: { status: 'pin_wrong', ...retries } });
        }
        const reason = failureReason(authoring, failure);
        const recordId = state.key.status === 'open' ? { recordId: state.key.record.recordId } : {};
        return {
          state: { ...state, authoring: { ...dropDraft(authoring), phase: { status: 'failed', reason } } },
          effects: [
            { type: 'audit', event: { event: 'record_write_failed', who, ...recordId, kind, reason } },
          ],
        };
      }
      const { version, recordId, opened, patientCode } = event.result.value;
      const changes = authoring.preview?.changes ?? [];
      const key =
        opened !== undefined && (state.key.status === 'open' || state.key.status === 'error')
          ? {
              status: 'open' as const,
              keyId: authoring.keyId,
              tier: 'full' as const,
              breakGlass: false,
              record: opened,
            }
          : state.key;
      return {
        state: {
          ...state,
          key,
          authoring: {
            ...dropDraft(authoring),
            phase: {
              status: 'written',
              version,
              writtenAt: now,
              changes,
              codeCardPrinted: false,
              ...(patientCode !== undefined ? { patientCode } : {}),
            },
          },
        },
        effects: [{ type: 'audit', event: { event: 'record_written', who, recordId, version, kind } }],
      };
    }
  }
}

/** Once written or failed, the edits and their previews go: only the outcome stays. */
function dropDraft(authoring: AuthoringState): AuthoringState {
  const {
    preview: _p,
    search: _s,
    identity: _i,
    previewRequestId: _r,
    lastEditError: _e,
    imported: _b,
    importOutcome: _o,
    ...rest
  } = authoring;
  return { ...rest, edits: [] };
}

/**
 * After every step: the draft follows the card and the key. A card or key pulled mid-draft fails
 * it (the old record is intact: nothing is written before the card signs); once signing, the
 * outcome of the write decides. The written state (a new key's code on screen) goes with the card.
 */
export function syncAuthoring(before: SessionState, result: Partial): Partial {
  const { state } = result;
  const effects = [...result.effects];
  const left =
    before.key.status === 'open' && (state.key.status !== 'open' || state.key.keyId !== before.key.keyId);
  if (left && before.key.status === 'open') effects.push({ type: 'author_forget', keyId: before.key.keyId });
  const authoring = state.authoring;
  if (authoring === undefined) return { state, effects };
  const { card, key } = state;
  const sameCard = card.status === 'authenticated' && card.cardId === authoring.cardId;
  const keyId = 'keyId' in key ? key.keyId : undefined;
  const sameKey = keyId === authoring.keyId;
  const fail = (reason: 'card_removed' | 'key_removed'): Partial => ({
    state: { ...state, authoring: { ...dropDraft(authoring), phase: { status: 'failed', reason } } },
    effects,
  });
  switch (authoring.phase.status) {
    case 'signing':
    case 'writing':
      if (!sameCard && !authoring.cardGone)
        return { state: { ...state, authoring: { ...authoring, cardGone: true } }, effects };
      return { state, effects };
    case 'written':
      if (sameCard && sameKey) return { state, effects };
      return { state: withAuthoring(state, undefined).state, effects };
    case 'failed':
      return { state, effects };
    case 'importing': {
      if (!sameCard) return fail('card_removed');
      const synced = syncImport(state, authoring);
      return synced === undefined
        ? { state, effects }
        : { state: synced.state, effects: [...effects, ...synced.effects] };
    }
    case 'identity':
    case 'editing':
    case 'reviewing':
    case 'pin_wrong': {
      if (!sameCard) return fail('card_removed');
      if (!sameKey) return fail('key_removed');
      const stillThere = authoring.mode === 'update' ? key.status === 'open' : key.status === 'error';
      if (!stillThere) return { state: withAuthoring(state, undefined).state, effects };
      return { state, effects };
    }
  }
}
