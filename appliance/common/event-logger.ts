/**
 * What every part logs through: one catalogued event and its fields (ids, statuses, outcomes,
 * counts — never patient content, HZ-12). The server's implementation (pino to stdout and the
 * technician's log ring) is `appliance/server/logger.ts`; drivers receive one as an option.
 */
import type { LogEventAt } from './log-events.ts';

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface EventLogger {
  info(event: LogEventAt<'info'>, fields?: LogFields): void;
  warn(event: LogEventAt<'warn'>, fields?: LogFields): void;
  error(event: LogEventAt<'error'>, fields?: LogFields): void;
}

/** Logs nothing: for tests and for a driver used outside the kiosk. */
export const silentLogger: EventLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** An error as a short code for a log field: its errno/PC/SC code or its class, never its message. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code;
    if (typeof code === 'number' && Number.isInteger(code)) return `0x${(code >>> 0).toString(16)}`;
  }
  // pcsclite's errors carry the PC/SC return code only in their message, e.g. "…(0x8010001d)".
  const message = error instanceof Error ? error.message : String(error);
  const pcsc = /0x[0-9a-fA-F]{8}/.exec(message);
  if (pcsc) return pcsc[0].toLowerCase();
  return error instanceof Error ? error.name : 'unknown';
}
