/** The runtime's technician effect: the technician port's tools on the key in the port, if any. */
import { assertNever } from '../common/result.ts';
import { openKey, type KeyDevice } from '../drivers/usb-key/key-device.ts';
import type { EventLogger } from './logger.ts';
import type { SessionEffect, SessionEvent } from './session/events.ts';
import type { TechnicianResult } from './session/technician.ts';
import type { TechnicianPort } from './technician-adapter.ts';

export interface TechnicianHost {
  /** Absent outside technician mode: the effect then fails as a bug. */
  readonly port: TechnicianPort | undefined;
  readonly device: KeyDevice | undefined;
  readonly dispatch: (event: SessionEvent) => void;
  readonly log: EventLogger;
}

export async function runTechnicianEffect(
  effect: Extract<SessionEffect, { type: 'technician' }>,
  host: TechnicianHost,
): Promise<void> {
  const port = host.port;
  if (!port) throw new Error('technician port missing');
  const source = host.device === undefined ? undefined : openTechnicianKey(host.device);
  const result = await port
    .run(effect.action, source, effect.at === undefined ? {} : { at: effect.at })
    .finally(() => source?.close());
  const event = effect.action === 'provision_check' ? 'provision' : effect.action;
  host.log.info(`technician.${event}`, { action: effect.action, outcome: outcomeOf(result) });
  host.dispatch({ type: 'technician.result', requestId: effect.requestId, result });
}

/**
 * The technician's tools (provisioning file, log export) still read and write the key on the main
 * thread, through a source opened for the one action; a key that cannot be opened counts as gone.
 */
function openTechnicianKey(device: KeyDevice) {
  try {
    return openKey(device);
  } catch {
    return undefined;
  }
}

function outcomeOf(result: TechnicianResult): string {
  switch (result.action) {
    case 'diagnostics':
      return 'ready';
    case 'provision_check':
    case 'provision':
      return result.outcome.status;
    case 'export':
      return result.result.ok ? 'done' : result.result.error.code;
    case 'test_print':
      return result.outcome.status;
    case 'reboot':
      return result.result.ok ? result.result.value : 'failed';
    case 'set_clock':
      return result.result.ok ? result.result.value.status : result.result.error;
    default:
      return assertNever(result, 'technician result');
  }
}
