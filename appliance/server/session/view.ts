/** `toView`: the session state as the page sees it (contract/session-view.ts). Pure. */
import type { CodeAttemptTable } from './code-throttle.ts';
import { assertNever } from '../../common/result.ts';
import { printerView } from '../print-view.ts';
import type {
  CardView,
  DeviceStatusView,
  KeyView,
  KioskMode,
  PinLengthView,
  SessionView,
} from '../../contract/session-view.ts';
import type { CardState, KeyState, SessionState } from './state.ts';
import { withCrossCheckView } from './crosscheck.ts';
import { textIn, type TechVersionView } from '../../contract/technician-view.ts';
import { technicianView } from './technician.ts';
import { withAuthoringView } from './authoring-view.ts';

export interface ViewContext {
  readonly revision: number;
  readonly bootId: string;
  readonly mode: KioskMode;
  readonly siteName: string;
  /** Seconds before an untouched welcome screen goes black (0: never). */
  readonly blankAfterSeconds?: number;
  /** Software version shown in technician mode (computed once at start). */
  readonly technicianVersion?: TechVersionView;
}

function readerView(reader: SessionState['devices']['reader']): DeviceStatusView['reader'] {
  return reader === 'no_card' ? 'ready' : reader;
}

/** A card that does not say what its PIN accepts gets the widest keypad (4–8 digits, CPS and PIV). */
const DEFAULT_PIN_LENGTH: PinLengthView = { min: 4, max: 8 };

function cardView(card: CardState, pinLength: PinLengthView = DEFAULT_PIN_LENGTH): CardView {
  switch (card.status) {
    case 'service_unavailable':
    case 'absent':
      return { status: card.status };
    case 'pin_entry':
      return card.retriesLeft === undefined
        ? { status: 'pin_entry', pinLength, lastAttemptWrong: card.lastAttemptWrong }
        : {
            status: 'pin_entry',
            pinLength,
            retriesLeft: card.retriesLeft,
            lastAttemptWrong: card.lastAttemptWrong,
          };
    case 'checking':
      return { status: 'checking_pin', pinLength };
    case 'authenticated':
      return {
        status: 'authenticated',
        name: card.identity.name,
        profession: card.identity.profession,
        ...(card.identity.siteMapping === undefined ? {} : { siteMapping: card.identity.siteMapping }),
      };
    case 'blocked':
      return { status: 'blocked' };
    case 'rejected':
      return { status: 'rejected', reason: card.reason };
    case 'card_error':
      return { status: 'card_error', reason: card.reason };
    default:
      return assertNever(card, 'card state');
  }
}

function keyView(key: KeyState, codeAttempts: CodeAttemptTable): KeyView {
  switch (key.status) {
    case 'absent':
      return { status: 'absent' };
    case 'reading':
      return { status: 'reading' };
    case 'locked': {
      // Absolute time, like idleDeadline: the page counts down; past it the keypad is back.
      const until = key.recordId === undefined ? undefined : codeAttempts.get(key.recordId)?.blockedUntil;
      return {
        status: 'locked',
        failedAttempts: key.failedAttempts,
        ...(key.lastError !== undefined ? { lastError: key.lastError } : {}),
        ...(until !== undefined ? { codeBlockedUntil: until } : {}),
      };
    }
    case 'unlocking':
      return { status: 'unlocking' };
    case 'open':
      return {
        status: 'open',
        tier: key.tier,
        breakGlass: key.breakGlass,
        recordId: key.record.recordId,
        verification: key.record.verification,
        summary: key.record.summary,
        ...(key.accessLogWriting ? { accessLogWriting: true } : {}),
        ...(key.accessLogWarning ? { accessLogWarning: key.accessLogWarning } : {}),
        ...(key.patient ? { patient: true } : {}),
        ...(key.patient && key.record.accessLog ? { patientLog: key.record.accessLog } : {}),
      };
    case 'error':
      return { status: 'error', reason: key.reason };
    default:
      return assertNever(key, 'key state');
  }
}

export function toView(state: SessionState, context: ViewContext): SessionView {
  const bg = state.breakGlass;
  return {
    revision: context.revision,
    bootId: context.bootId,
    mode: context.mode,
    provisioning: state.policy.provisioned ? 'provisioned' : 'not_provisioned',
    site: { name: context.siteName },
    blankAfterSeconds: context.blankAfterSeconds ?? 0,
    language: state.language,
    languages: state.policy.languages,
    devices: {
      reader: readerView(state.devices.reader),
      usbKey: state.devices.usbKey,
      printer: printerView(state.devices.printer),
    },
    card: cardView(state.card, state.devices.pinLength),
    key: withCrossCheckView(keyView(state.key, state.codeAttempts), state),
    breakGlass:
      bg.status === 'choosing_reason'
        ? {
            status: 'choosing_reason',
            reasons: state.policy.breakGlassReasons.map((r) => textIn(r.label, state.language)),
          }
        : bg,
    print: state.print.status === 'active' ? state.print.view : { status: 'idle' },
    ...(state.idleDeadline !== undefined ? { idleDeadline: state.idleDeadline } : {}),
    technician: technicianView(state, context.technicianVersion),
    ...withAuthoringView(state),
  };
}
