/**
 * The last log lines, kept in memory for the technician's export — never on disk. A pino
 * destination: it parses each line and keeps only the catalogued event name, level, time and a
 * whitelist of fields whose values are short identifiers (letters, digits, `_ . : / -`). Anything
 * else (an unknown field, free text, a value with spaces) is dropped, so patient content can
 * never reach the ring even if a caller logs it by mistake (HZ-12).
 */
import { isLogEvent, type LogEvent } from '../../common/log-events.ts';

export interface RingEntry {
  readonly time: string;
  readonly level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  readonly event: LogEvent | 'unknown';
  readonly fields: Readonly<Record<string, string | number | boolean>>;
}

/** Field names the catalogued events use (appliance/common/log-events.ts), server and drivers. */
export const RING_FIELDS = [
  'url',
  'mode',
  'provisioned',
  'path',
  'fallback',
  'signal',
  'reason',
  'clients',
  'type',
  'status',
  'outcome',
  'bytes',
  'via',
  'tier',
  'effect',
  'error',
  'action',
  'count',
  'from',
  'products',
  'boxes',
  'indexBytes',
  'ms',
  'reader',
  'used',
  'profile',
  'kind',
  'code',
  'device',
  'devices',
  'partitions',
  'table',
  'readOnly',
] as const;

const ALLOWED = new Set<string>(RING_FIELDS);
const SAFE_VALUE = /^[A-Za-z0-9_.:/-]{0,80}$/;
/** PC/SC reader names hold spaces and brackets ("Gemalto PC Twin Reader (645D94C3) 00 00"). */
const READER_NAME = /^[A-Za-z0-9 _.:/()[\]-]{0,80}$/;
const safeValue = (key: string, value: string): boolean =>
  (key === 'reader' ? READER_NAME : SAFE_VALUE).test(value);
const LEVELS: Readonly<Record<number, RingEntry['level']>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const MAX_LINE = 16 * 1024;

/** One pino line → a ring entry, or undefined when the line is not a log object. Pure. */
export function toRingEntry(line: string): RingEntry | undefined {
  if (line.length > MAX_LINE) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const o = parsed as Record<string, unknown>;
  const level = typeof o.level === 'number' ? LEVELS[o.level] : undefined;
  if (level === undefined) return undefined;
  const time =
    typeof o.time === 'number' && Number.isFinite(o.time)
      ? new Date(o.time).toISOString()
      : new Date(0).toISOString();
  const event = typeof o.event === 'string' && isLogEvent(o.event) ? o.event : 'unknown';
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(o)) {
    if (!ALLOWED.has(key)) continue;
    if (typeof value === 'number' && Number.isFinite(value)) fields[key] = value;
    else if (typeof value === 'boolean') fields[key] = value;
    else if (typeof value === 'string' && safeValue(key, value)) fields[key] = value;
  }
  return { time, level, event, fields };
}

export interface LogRing {
  /** A pino destination (`pino(options, ring.stream)` or one stream of `pino.multistream`). */
  readonly stream: { write(chunk: string): boolean };
  /** Oldest first. */
  entries(): RingEntry[];
  clear(): void;
}

export function createLogRing(capacity = 500): LogRing {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError('ring capacity must be a positive integer');
  const ring: RingEntry[] = [];
  let next = 0;
  let partial = '';
  const push = (entry: RingEntry) => {
    if (ring.length < capacity) ring.push(entry);
    else ring[next] = entry;
    next = (next + 1) % capacity;
  };
  return {
    stream: {
      write(chunk: string) {
        const text = partial + chunk;
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        if (partial.length > MAX_LINE) partial = '';
        for (const line of lines) {
          const entry = toRingEntry(line);
          if (entry) push(entry);
        }
        return true;
      },
    },
    entries() {
      return ring.length < capacity ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)];
    },
    clear() {
      ring.length = 0;
      next = 0;
      partial = '';
    },
  };
}
