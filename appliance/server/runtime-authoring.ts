/**
 * The runtime's authoring effects (issue 16): the key's worker previews and writes the draft, the
 * card signs (`authoring-runner.ts`); an export stick's worker lists and reads the doctor's
 * bundles (item 5). This file finds the key the effect names.
 */
import { err } from '../common/result.ts';
import type { SmartcardService } from '../drivers/smartcard/types.ts';
import type { KeyDevice } from '../drivers/usb-key/key-device.ts';
import { runAuthoring } from './authoring-runner.ts';
import type { EventLogger } from './logger.ts';
import type { KeyRecords } from './ports.ts';
import type { AuthoringEffect } from './session/authoring-state.ts';
import type { SessionEvent } from './session/events.ts';

/** The key in the port, as the runtime holds it: its device, its worker, and whether it was read. */
export interface RuntimeKey {
  readonly keyId: string;
  readonly device: KeyDevice;
  readonly records: KeyRecords;
  read?: true;
}

export interface AuthoringHost {
  readonly keyFor: (keyId: string) => RuntimeKey | undefined;
  readonly smartcard: SmartcardService;
  readonly now: () => number;
  readonly dispatch: (event: SessionEvent) => void;
  readonly log: EventLogger;
}

export async function runAuthoringEffect(effect: AuthoringEffect, host: AuthoringHost): Promise<void> {
  const key = host.keyFor(effect.keyId);
  switch (effect.type) {
    case 'export_scan': {
      const result = (await key?.records.scanExport?.()) ?? err('unreadable');
      host.log.info('authoring.export_scan', {
        outcome: result.ok ? 'found' : result.error,
        count: result.ok ? result.value.length : undefined,
      });
      host.dispatch({ type: 'authoring.export_scanned', requestId: effect.requestId, result });
      return;
    }
    case 'export_read': {
      const result = (await key?.records.readExport?.(effect.path)) ?? err('unreadable');
      host.log.info('authoring.export_read', { outcome: result.ok ? 'valid' : result.error });
      host.dispatch({ type: 'authoring.export_read', requestId: effect.requestId, result });
      return;
    }
    default:
      break;
  }
  return runAuthoring(effect, {
    records: key?.records,
    // A record just written (a blank stick's included) opens with the code like any read key.
    written: () => {
      if (key !== undefined && host.keyFor(effect.keyId) === key) key.read = true;
    },
    smartcard: host.smartcard,
    now: host.now(),
    dispatch: host.dispatch,
    log: host.log,
  });
}
