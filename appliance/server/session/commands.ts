/** What the page may ask, checked against the state (HZ-06: break-glass needs an allowed, authenticated card). */
import { assertNever } from '../../common/result.ts';
import type { Command } from '../../contract/commands.ts';
import { codeBlockedUntil } from './code-throttle.ts';
import type { SessionEffect } from './events.ts';
import type { SessionState } from './state.ts';
import { isTechnicianCommand, onTechnicianCommand } from './technician.ts';
import { isCrossCheckCommand, onCrossCheckCommand, retryCrossCheckPrint } from './crosscheck.ts';
import { wipeDecrypted, type Partial } from './wipe.ts';
import { isAuthoringCommand, onAuthoringCommand, printAuthoring } from './authoring.ts';
import { isImportCommand, onImportCommand } from './authoring-import.ts';

export type CommandStep = Partial | 'refused';

/** The configured reason whose id or label (any language) matches, else `other` (typed text). */
export function reasonCategory(state: SessionState, reason: string): string {
  const text = reason.trim();
  const found = state.policy.breakGlassReasons.find(
    (r) => r.id === text || Object.values(r.label).some((label) => label === text),
  );
  return found ? found.id : 'other';
}

function startPrint(state: SessionState): CommandStep {
  const { key, card } = state;
  if (key.status !== 'open') return 'refused';
  // The patient prints their own record and log, with no card (issue 19); else a professional's card.
  const patient = key.patient === true && card.status === 'absent';
  if (!patient && card.status !== 'authenticated') return 'refused';
  const jobId = state.nextRequestId;
  const effects: SessionEffect[] = [];
  if (state.print.status === 'active') effects.push({ type: 'abort_print', jobId: state.print.jobId });
  effects.push({
    type: 'print',
    jobId,
    summary: key.record.summary,
    verification: key.record.verification,
    ...(card.status === 'authenticated'
      ? { printedBy: { name: card.identity.name, profession: card.identity.profession } }
      : {}),
    ...(patient && key.record.accessLog ? { accessLog: key.record.accessLog } : {}),
    language: state.language,
  });
  return {
    state: {
      ...state,
      nextRequestId: jobId + 1,
      print: { status: 'active', jobId, view: { status: 'printing', sentBytes: 0, totalBytes: 0 } },
    },
    effects,
  };
}

/** Commands that open, show or print a patient's record: none on a kiosk not provisioned (HZ-06). */
const RECORD_COMMANDS: ReadonlySet<Command['type']> = new Set([
  'code.submit',
  'break_glass.open',
  'break_glass.confirm',
  'print.start',
  'print.retry',
]);

export function onCommand(state: SessionState, command: Command, now: number): CommandStep {
  // Also unreachable by state (no card but a technician's authenticates, no key is read): said once here.
  if (!state.policy.provisioned && (RECORD_COMMANDS.has(command.type) || isCrossCheckCommand(command)))
    return 'refused';
  if (isCrossCheckCommand(command)) return onCrossCheckCommand(state, command, now);
  if (isTechnicianCommand(command)) return onTechnicianCommand(state, command);
  if (isImportCommand(command)) return onImportCommand(state, command);
  if (isAuthoringCommand(command)) return onAuthoringCommand(state, command);
  const { card, key, print } = state;
  switch (command.type) {
    case 'activity':
      return { state, effects: [] };
    case 'language.set':
      if (!state.policy.languages.includes(command.language)) return 'refused';
      return { state: { ...state, language: command.language }, effects: [] };
    case 'pin.submit': {
      if (card.status !== 'pin_entry') return 'refused';
      const requestId = state.nextRequestId;
      return {
        state: {
          ...state,
          nextRequestId: requestId + 1,
          card: { status: 'checking', cardId: card.cardId, requestId },
        },
        effects: [{ type: 'login', cardId: card.cardId, requestId, pin: command.pin }],
      };
    }
    case 'code.submit': {
      if (key.status !== 'locked') return 'refused';
      // No card in the reader: the patient opens their own key (issue 19); else a professional's card.
      const patient = card.status === 'absent';
      if (!patient && card.status !== 'authenticated') return 'refused';
      if (card.status === 'authenticated' && !state.policy.codeProfessions.includes(card.identity.profession))
        return 'refused';
      // The screen counts down and offers no keypad meanwhile; a code sent anyway is not tried.
      if (
        key.recordId !== undefined &&
        codeBlockedUntil(state.codeAttempts.get(key.recordId), now) !== undefined
      )
        return 'refused';
      const requestId = state.nextRequestId;
      return {
        state: {
          ...state,
          nextRequestId: requestId + 1,
          breakGlass: { status: 'closed' },
          key: {
            status: 'unlocking',
            keyId: key.keyId,
            ...(key.recordId !== undefined ? { recordId: key.recordId } : {}),
            requestId,
            failedAttempts: key.failedAttempts,
            via: 'code',
            ...(patient ? { patient: true } : {}),
          },
        },
        effects: [
          {
            type: 'open_with_code',
            keyId: key.keyId,
            requestId,
            code: command.code,
            ...(patient ? { withAccessLog: true } : {}),
          },
        ],
      };
    }
    case 'break_glass.open': {
      if (key.status !== 'locked') return 'refused';
      if (card.status !== 'authenticated') {
        return {
          state: { ...state, breakGlass: { status: 'not_allowed', why: 'not_authenticated' } },
          effects: [{ type: 'audit', event: { event: 'break_glass_denied', why: 'not_authenticated' } }],
        };
      }
      const { nationalId, profession } = card.identity;
      if (!state.policy.breakGlassProfessions.includes(profession)) {
        return {
          state: { ...state, breakGlass: { status: 'not_allowed', why: 'profession_not_allowed' } },
          effects: [
            {
              type: 'audit',
              event: {
                event: 'break_glass_denied',
                who: { nationalId, profession },
                why: 'profession_not_allowed',
              },
            },
          ],
        };
      }
      return { state: { ...state, breakGlass: { status: 'choosing_reason' } }, effects: [] };
    }
    case 'break_glass.confirm': {
      // Re-checked here, not only at `open`: the card may have changed in between.
      if (state.breakGlass.status !== 'choosing_reason' || key.status !== 'locked') return 'refused';
      if (
        card.status !== 'authenticated' ||
        !state.policy.breakGlassProfessions.includes(card.identity.profession)
      ) {
        return 'refused';
      }
      const requestId = state.nextRequestId;
      const reason = { category: reasonCategory(state, command.reason), text: command.reason.trim() };
      return {
        state: {
          ...state,
          nextRequestId: requestId + 1,
          breakGlass: { status: 'closed' },
          key: {
            status: 'unlocking',
            keyId: key.keyId,
            ...(key.recordId !== undefined ? { recordId: key.recordId } : {}),
            requestId,
            failedAttempts: key.failedAttempts,
            via: 'emergency',
            reason,
          },
        },
        effects: [{ type: 'open_emergency', keyId: key.keyId, requestId }],
      };
    }
    case 'break_glass.cancel':
      return { state: { ...state, breakGlass: { status: 'closed' } }, effects: [] };
    case 'print.start':
      if (
        print.status === 'active' &&
        (print.view.status === 'printing' || print.view.status === 'waiting')
      ) {
        return 'refused';
      }
      return startPrint(state);
    case 'print.retry':
      if (print.status !== 'active' || print.view.status === 'printing' || print.view.status === 'done')
        return 'refused';
      if (print.document === 'crosscheck') return retryCrossCheckPrint(state, now);
      if (print.document === 'code_card' || print.document === 'change_receipt')
        return printAuthoring(state, print.document);
      return startPrint(state);
    case 'print.dismiss': {
      if (print.status !== 'active' || print.view.status === 'printing') return 'refused';
      const effects: SessionEffect[] =
        print.view.status === 'waiting' ? [{ type: 'abort_print', jobId: print.jobId }] : [];
      return { state: { ...state, print: { status: 'idle' } }, effects };
    }
    case 'record.close':
      if (key.status !== 'open') return 'refused';
      return wipeDecrypted(state, true);
    default:
      return assertNever(command, 'command');
  }
}
