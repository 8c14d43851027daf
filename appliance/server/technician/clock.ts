/**
 * Setting the kiosk's clock from technician mode (issue 17, HZ-25). The server has no privilege
 * to change the time: it writes the wanted instant into a request file that a root path unit
 * watches (`baladeur-clock.path` → `/usr/local/lib/baladeur/set-clock`, which checks it again and
 * runs `timedatectl set-time`: system clock and RTC). The dev kiosk records the request only.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result.ts';
import type { ClockSetting } from '../../contract/diagnostics.ts';
import type { KioskMode } from '../../contract/session-view.ts';

export interface ClockSetOutcome {
  readonly status: 'requested' | 'simulated';
  /** The kiosk's time when asked, and the time asked for (ISO instants, audited). */
  readonly previous: string;
  readonly requested: string;
}

/** `before_build`: earlier than the image was built (a typo: the clock would only get worse). */
export type ClockSetError = 'before_build' | 'no_helper' | `io_${string}`;

export interface ClockSetterDeps {
  readonly mode: KioskMode;
  /** The root helper's request file (production: `/run/baladeur/clock-request`). */
  readonly requestFile?: string;
  /** The image's build time (release file), seconds since the epoch. */
  readonly buildEpoch?: number;
  readonly now: () => Date;
}

/** Writes one line, `<ISO instant>\n`, by rename: the path unit never sees half a request. */
function writeRequest(file: string, at: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(temp, `${at}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function createClockSetter(deps: ClockSetterDeps) {
  let last: ClockSetting | undefined;
  return {
    /** The technician's last setting since the server started (diagnostics). */
    last: (): ClockSetting | undefined => last,
    set(at: string): Result<ClockSetOutcome, ClockSetError> {
      const requested = new Date(at);
      if (deps.buildEpoch !== undefined && requested.getTime() < deps.buildEpoch * 1000)
        return err('before_build');
      const previous = deps.now().toISOString();
      const outcome: ClockSetOutcome = {
        status: deps.mode === 'simulated' ? 'simulated' : 'requested',
        previous,
        requested: requested.toISOString(),
      };
      if (deps.mode !== 'simulated') {
        if (deps.requestFile === undefined) return err('no_helper');
        try {
          writeRequest(deps.requestFile, outcome.requested);
        } catch (error) {
          const code: ClockSetError = `io_${(error as NodeJS.ErrnoException).code ?? 'error'}`;
          return err(code);
        }
      }
      last = { requestedAt: previous, setTo: outcome.requested, simulated: outcome.status === 'simulated' };
      return ok(outcome);
    },
  };
}
export type ClockSetter = ReturnType<typeof createClockSetter>;
