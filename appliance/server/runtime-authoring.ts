/**
 * The runtime's authoring effects (issue 16): the key's worker previews and writes the draft, the
 * card signs; `authoring-runner.ts` does the work, this file finds the key the effect names.
 */
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

export function runAuthoringEffect(effect: AuthoringEffect, host: AuthoringHost): Promise<void> {
  const key = host.keyFor(effect.keyId);
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
