/** pino to stdout only (never a file on the kiosk). Every line has a catalogued `event`. */
import { pino, type Logger } from 'pino';
import type { EventLogger, LogFields } from '../common/event-logger.ts';
import type { LogRing } from './technician/log-ring.ts';

export type { EventLogger } from '../common/event-logger.ts';
export type Fields = LogFields;

/** One logger for the server and the drivers it starts; with `ring`, the technician's export gets every line. */
export function createLogger(
  options: { level?: string; destination?: NodeJS.WritableStream; ring?: LogRing } = {},
): EventLogger {
  const primary = options.destination ?? pino.destination({ dest: 1, sync: false });
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  // The ring (technician export, memory only) gets the same lines as stdout.
  const base: Logger = pino(
    { level, base: undefined },
    options.ring
      ? pino.multistream([
          { stream: primary, level: level as pino.Level },
          { stream: options.ring.stream, level: level as pino.Level },
        ])
      : primary,
  );
  return {
    info: (event, fields) => base.info({ event, ...fields }),
    warn: (event, fields) => base.warn({ event, ...fields }),
    error: (event, fields) => base.error({ event, ...fields }),
  };
}
