/**
 * The patient's own view (issue 19): with no professional card, a patient who types their code
 * sees their summary and the access log of their key, and nothing else. This is the log's part of
 * the session view; the session wiring is still to come (docs/patient-view.md).
 */
import type { PatientAccessEntry } from '../common/access-log-words.ts';

export type { PatientAccessEntry };

export type PatientLogView =
  | { readonly status: 'reading' }
  | {
      readonly status: 'ready';
      /** Newest first, as read from the key with the patient's code. */
      readonly entries: readonly PatientAccessEntry[];
      /** Slots that could not be read (torn or damaged), said on screen and on paper. */
      readonly unreadable: number;
    }
  | { readonly status: 'failed'; readonly reason: 'log_damaged' | 'unreadable' };
