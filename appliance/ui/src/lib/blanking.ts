/**
 * Screen blanking (site setting `screen.blankingSeconds`): an untouched welcome screen goes black.
 * Only the welcome screen: nothing is open, nobody is at the kiosk. Cage 0.2 cannot power the
 * output down (no wlr-output-power-management), so blanking is a black page, not a backlight off.
 */
import type { SessionView } from '../../../contract/session-view.ts';

export function mayBlank(view: SessionView): boolean {
  return (
    view.blankAfterSeconds > 0 &&
    view.card.status === 'absent' &&
    view.key.status === 'absent' &&
    view.print.status === 'idle' &&
    view.breakGlass.status === 'closed' &&
    view.technician?.status !== 'open'
  );
}
