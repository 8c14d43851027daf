/**
 * Card transitions: reader status and login results (HZ-15: a session is bound to one card insertion).
 * On a kiosk not provisioned only a technician card authenticates.
 */
import type { ReaderStatus, LoginResult } from '../../drivers/smartcard/types.ts';
import { assertNever } from '../../common/result.ts';
import type { SessionEffect } from './events.ts';
import type { CardState, SessionState } from './state.ts';
import { wipeDecrypted, type Partial } from './wipe.ts';

export function currentCardId(card: CardState): string | undefined {
  return 'cardId' in card ? card.cardId : undefined;
}

export function onReaderStatus(state: SessionState, status: ReaderStatus): Partial {
  const devices = {
    ...state.devices,
    reader: status.status,
    pinLength: status.status === 'card_present' ? status.pinLength : undefined,
  };
  let card: CardState;
  const effects: SessionEffect[] = [];
  switch (status.status) {
    case 'service_unavailable':
      card = { status: 'service_unavailable' };
      break;
    case 'no_reader':
    case 'no_card':
      card = { status: 'absent' };
      break;
    case 'card_present':
      if (currentCardId(state.card) === status.cardId) return { state: { ...state, devices }, effects };
      card = { status: 'pin_entry', cardId: status.cardId, lastAttemptWrong: false };
      effects.push({ type: 'query_pin_retries', cardId: status.cardId });
      break;
    case 'card_error':
      card = { status: 'card_error', reason: status.reason };
      break;
    default:
      return assertNever(status, 'reader status');
  }
  const wiped = wipeDecrypted({ ...state, devices, card });
  return { state: wiped.state, effects: [...wiped.effects, ...effects] };
}

export function onRetries(state: SessionState, cardId: string, retriesLeft: number | undefined): Partial {
  const card = state.card;
  if (card.status !== 'pin_entry' || card.cardId !== cardId) return { state, effects: [] };
  if (retriesLeft === 0) return { state: { ...state, card: { status: 'blocked', cardId } }, effects: [] };
  return { state: { ...state, card: { ...card, retriesLeft } }, effects: [] };
}

export function onLoginResult(
  state: SessionState,
  cardId: string,
  requestId: number,
  result: LoginResult,
): Partial {
  const card = state.card;
  if (card.status !== 'checking' || card.cardId !== cardId || card.requestId !== requestId) {
    return { state, effects: [] };
  }
  const next = (c: CardState, effects: SessionEffect[] = []): Partial => ({
    state: { ...state, card: c },
    effects,
  });
  switch (result.status) {
    case 'authenticated': {
      const { nationalId, profession, siteMapping } = result.identity;
      // A kiosk not provisioned serves technicians only (to provision it): anyone else is refused (HZ-06).
      if (!state.policy.provisioned && profession !== 'technician') {
        return next({ status: 'rejected', cardId, reason: 'not_provisioned' }, [
          {
            type: 'audit',
            event: { event: 'card_rejected', reason: 'not_provisioned', who: { nationalId, profession } },
          },
        ]);
      }
      return next({ status: 'authenticated', cardId, identity: result.identity }, [
        {
          type: 'audit',
          event: {
            event: 'card_authenticated',
            who: { nationalId, profession },
            ...(siteMapping === undefined ? {} : { siteMapping }),
          },
        },
      ]);
    }
    case 'wrong_pin':
      if (result.retriesLeft !== undefined && result.retriesLeft <= 0)
        return next({ status: 'blocked', cardId }, [{ type: 'audit', event: { event: 'pin_blocked' } }]);
      return next({ status: 'pin_entry', cardId, retriesLeft: result.retriesLeft, lastAttemptWrong: true });
    case 'blocked':
      return next({ status: 'blocked', cardId }, [{ type: 'audit', event: { event: 'pin_blocked' } }]);
    case 'rejected':
      return next({ status: 'rejected', cardId, reason: result.reason }, [
        { type: 'audit', event: { event: 'card_rejected', reason: result.reason } },
      ]);
    case 'card_removed':
      return next({ status: 'card_error', reason: 'removed_during_command' });
    case 'card_error':
      return next({ status: 'card_error', cardId, reason: result.reason });
    default:
      return assertNever(result, 'login result');
  }
}
