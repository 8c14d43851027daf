import type { SessionView } from '../../../contract/session-view.ts';
import type { Screen } from './screen.ts';

/** The screens loaded on demand (components/lazy.ts). */
export type LazyScreen = 'authoring' | 'crosscheck' | 'patientLog';

/**
 * The on-demand screens this screen may lead to next, fetched while it is shown so that they open
 * without the busy screen: the patient typing their code will see their access log, a pharmacist's
 * summary offers the cross-check, a professional allowed to write is offered authoring.
 */
export function screensToPrefetch(view: SessionView, screen: Screen): readonly LazyScreen[] {
  const next: LazyScreen[] = [];
  if (screen.kind === 'locked' && screen.patient) next.push('patientLog');
  if (screen.kind === 'summary' && screen.key.crosscheck) next.push('crosscheck');
  if (view.authoringOffer) next.push('authoring');
  return next;
}
