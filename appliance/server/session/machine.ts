/**
 * The session state machine: `step(state, event, now) → { state, effects }`. Pure: no I/O, no
 * clock of its own (`now` and the `clock` event are inputs), effects are data. The rules it
 * enforces are written down in docs/architecture.md ("Session rules").
 */
import { assertNever } from '../../common/result.ts';
import { onLoginResult, onReaderStatus, onRetries } from './card.ts';
import { onCommand } from './commands.ts';
import { onDrugsLoaded, requestDrugReference } from './drug-reference.ts';
import type { SessionEffect, SessionEvent, Step } from './events.ts';
import { onAccessLogResult, onKeySignal, onOpenResult, onReadResult } from './key.ts';
import type { SessionState } from './state.ts';
import { onTechnicianKey, onTechnicianResult, syncTechnician } from './technician.ts';
import { wipeDecrypted, type Partial } from './wipe.ts';
import { onAuthoringResult, syncAuthoring } from './authoring-results.ts';

/** True while something would need wiping after inactivity (decrypted data, a half-done flow). */
export function needsIdleWipe(state: SessionState): boolean {
  const { card, key } = state;
  return (
    card.status === 'authenticated' ||
    card.status === 'checking' ||
    (card.status === 'pin_entry' && card.lastAttemptWrong) ||
    key.status === 'open' ||
    key.status === 'unlocking' ||
    (key.status === 'locked' && (key.failedAttempts > 0 || key.lastError !== undefined)) ||
    state.breakGlass.status !== 'closed' ||
    state.print.status !== 'idle' ||
    state.authoring !== undefined ||
    state.language !== state.policy.defaultLanguage
  );
}

/** The idle wipe: decrypted data, the card session and the page's choices all go. */
function idleWipe(state: SessionState): Partial {
  const card = state.card;
  const effects: SessionEffect[] = [{ type: 'audit', event: { event: 'idle_wipe' } }];
  // The draft is patient data: it goes with the session, unsaved; a write under way ends and is audited.
  const phase = state.authoring?.phase.status;
  const { authoring: _draft, ...kept } = state;
  const base = phase === 'signing' || phase === 'writing' ? state : kept;
  let next: SessionState = { ...base, language: state.policy.defaultLanguage };
  if (card.status === 'authenticated' || card.status === 'checking' || card.status === 'pin_entry') {
    next = { ...next, card: { status: 'pin_entry', cardId: card.cardId, lastAttemptWrong: false } };
    effects.push({ type: 'query_pin_retries', cardId: card.cardId });
  }
  const wiped = wipeDecrypted(next, true);
  return { state: wiped.state, effects: [...wiped.effects, ...effects] };
}

function isActivity(event: SessionEvent): boolean {
  return (
    event.type === 'command' ||
    (event.type === 'card.status' && event.status.status === 'card_present') ||
    (event.type === 'key.status' && event.status.status === 'key_present')
  );
}

function dispatch(state: SessionState, event: SessionEvent, now: number): Partial | 'refused' {
  switch (event.type) {
    case 'card.status':
      return onReaderStatus(state, event.status);
    case 'card.retries':
      return onRetries(state, event.cardId, event.retriesLeft);
    case 'card.login_result':
      return onLoginResult(state, event.cardId, event.requestId, event.result);
    case 'key.status':
      // Technician mode: the key is the technician's, never read as a patient key (HZ-15).
      if (state.technician.status === 'open') return onTechnicianKey(state, event.status);
      return onKeySignal(state, event.status);
    case 'technician.result':
      return onTechnicianResult(state, event.requestId, event.result);
    case 'key.read_result':
      return onReadResult(state, event.keyId, event.requestId, event.result, event.recordId);
    case 'key.open_result':
      return onOpenResult(state, event.keyId, event.requestId, event.result, now);
    case 'key.access_log_result':
      return onAccessLogResult(state, event.keyId, event.result);
    case 'printer.status':
      return { state: { ...state, devices: { ...state.devices, printer: event.status } }, effects: [] };
    case 'print.update':
      return onPrintUpdate(state, event.jobId, event.view);
    case 'command':
      return onCommand(state, event.command, now);
    case 'drugs.loaded':
      return onDrugsLoaded(state, event.knowledge, now);
    case 'authoring.preview_result':
    case 'authoring.sealed':
    case 'authoring.write_result':
    case 'authoring.export_scanned':
    case 'authoring.export_read':
      return onAuthoringResult(state, event, now);
    case 'clock':
      if (state.idleDeadline !== undefined && now >= state.idleDeadline) return idleWipe(state);
      return { state, effects: [] };
    default:
      return assertNever(event, 'session event');
  }
}

function onPrintUpdate(
  state: SessionState,
  jobId: number,
  view: Extract<SessionEvent, { type: 'print.update' }>['view'],
): Partial {
  const { print, key, card } = state;
  if (print.status !== 'active' || print.jobId !== jobId) return { state, effects: [] };
  const effects: SessionEffect[] = [];
  const finished = view.status === 'done' || view.status === 'failed';
  if (
    finished &&
    print.view.status !== view.status &&
    key.status === 'open' &&
    (card.status === 'authenticated' || key.patient === true)
  ) {
    const actor =
      card.status === 'authenticated'
        ? { who: { nationalId: card.identity.nationalId, profession: card.identity.profession } }
        : { patient: true as const };
    effects.push({
      type: 'audit',
      event: {
        event: 'print',
        ...actor,
        recordId: key.record.recordId,
        tier: key.tier,
        outcome: view.status,
      },
    });
  }
  const authoring = state.authoring;
  if (print.document === 'code_card' && view.status === 'done' && authoring?.phase.status === 'written') {
    const phase = { ...authoring.phase, codeCardPrinted: true };
    return { state: { ...state, print: { ...print, view }, authoring: { ...authoring, phase } }, effects };
  }
  return { state: { ...state, print: { ...print, view } }, effects };
}

export function step(state: SessionState, event: SessionEvent, now: number): Step {
  const dispatched = dispatch(state, event, now);
  if (dispatched === 'refused') return { state, effects: [], refused: true };
  const result = requestDrugReference(syncAuthoring(state, syncTechnician(dispatched)));
  const next = result.state;
  let idleDeadline: number | undefined;
  if (!needsIdleWipe(next)) idleDeadline = undefined;
  else if (isActivity(event) || state.idleDeadline === undefined) idleDeadline = now + state.policy.idleMs;
  else idleDeadline = state.idleDeadline;
  const effects = [...result.effects];
  if (idleDeadline !== state.idleDeadline) effects.push({ type: 'schedule_idle', at: idleDeadline ?? null });
  return { state: { ...next, idleDeadline }, effects };
}
