import { assertNever } from '../../../common/result.ts';
import type {
  AuthoringView,
  CardView,
  KeyErrorReason,
  KeyView,
  SessionView,
} from '../../../contract/session-view.ts';

type OpenKey = Extract<KeyView, { status: 'open' }>;
type LockedKey = Extract<KeyView, { status: 'locked' }>;

/** What the main area shows, derived from the session view only. */
export type Screen =
  | { readonly kind: 'welcome' }
  | { readonly kind: 'pin'; readonly card: Extract<CardView, { status: 'pin_entry' | 'checking_pin' }> }
  | { readonly kind: 'busy'; readonly what: 'reading' | 'unlocking' }
  /** `patient`: no card in the reader, the patient types their own code (issue 19). */
  | { readonly kind: 'locked'; readonly key: LockedKey; readonly patient?: true }
  | { readonly kind: 'break_glass'; readonly reasons: readonly string[] }
  | { readonly kind: 'summary'; readonly key: OpenKey }
  /** A record being written (issue 16): the draft's screens replace the summary until done. */
  | { readonly kind: 'authoring'; readonly authoring: AuthoringView }
  | { readonly kind: 'key_error'; readonly reason: KeyErrorReason }
  | {
      readonly kind: 'card_problem';
      readonly card: Extract<
        CardView,
        { status: 'blocked' | 'rejected' | 'card_error' | 'service_unavailable' }
      >;
    };

export function screenFor(view: SessionView): Screen {
  const { card, key } = view;
  // Back from an import (issue 16, item 5): the patient key put back opens with the code as usual.
  const a = view.authoring;
  const awaitingCode =
    a?.status === 'importing' &&
    a.step === 'return_patient_key' &&
    a.wrongKey !== true &&
    (key.status === 'locked' || key.status === 'unlocking');
  if (a && !awaitingCode) return { kind: 'authoring', authoring: a };
  // The open record wins: the server opens it for an authenticated card or for the patient (no card).
  if (key.status === 'open') return { kind: 'summary', key };
  if (key.status === 'error') return { kind: 'key_error', reason: key.reason };
  switch (card.status) {
    case 'blocked':
    case 'rejected':
    case 'card_error':
    case 'service_unavailable':
      return { kind: 'card_problem', card };
    case 'pin_entry':
    case 'checking_pin':
      return { kind: 'pin', card };
    case 'absent':
      // No card: a key that is read offers the patient their own code (issue 19).
      if (key.status === 'locked') return { kind: 'locked', key, patient: true };
      if (key.status === 'unlocking') return { kind: 'busy', what: 'unlocking' };
      return { kind: 'welcome' };
    case 'authenticated':
      break;
    default:
      return assertNever(card, 'card view');
  }
  switch (key.status) {
    case 'absent':
      return { kind: 'welcome' };
    case 'reading':
      return { kind: 'busy', what: 'reading' };
    case 'unlocking':
      return { kind: 'busy', what: 'unlocking' };
    case 'locked':
      return view.breakGlass.status === 'choosing_reason'
        ? { kind: 'break_glass', reasons: view.breakGlass.reasons }
        : { kind: 'locked', key };
    default:
      return assertNever(key, 'key view');
  }
}
