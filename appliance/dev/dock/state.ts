/** What `GET /dev/state` shows of the session: statuses only, never clinical content or names. */
import type { SessionState } from '../../server/session/state.ts';
import type { SessionView } from '../../contract/session-view.ts';

export function dockSessionState(state: SessionState, view: SessionView) {
  const { card, key } = state;
  return {
    card: {
      status: card.status,
      ...(card.status === 'authenticated' ? { profession: card.identity.profession } : {}),
      ...(card.status === 'pin_entry' && card.retriesLeft !== undefined
        ? { retriesLeft: card.retriesLeft }
        : {}),
      ...(card.status === 'rejected' || card.status === 'card_error' ? { reason: card.reason } : {}),
    },
    key: {
      status: key.status,
      ...(key.status === 'locked' ? { failedAttempts: key.failedAttempts, lastError: key.lastError } : {}),
      ...(key.status === 'open'
        ? {
            tier: key.tier,
            breakGlass: key.breakGlass,
            recordId: key.record.recordId,
            verification: key.record.verification.status,
          }
        : {}),
      ...(key.status === 'error' ? { reason: key.reason } : {}),
    },
    breakGlass: state.breakGlass.status,
    print: view.print,
    language: state.language,
    idleDeadline: state.idleDeadline ?? null,
    revision: view.revision,
    bootId: view.bootId,
  };
}
