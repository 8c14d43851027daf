/**
 * The catalogue is the whole truth about log events: every event the code logs is in it, at its
 * level, and every entry is logged somewhere. The types already refuse an unknown event in
 * `log.info(…)`; this scan also catches casts, pino-style `{ event: '…' }` objects and dead entries.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOG_EVENTS, isLogEvent, type LogEvent } from './log-events.ts';

const APPLIANCE = fileURLToPath(new URL('..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist']);
const CATALOGUE = fileURLToPath(new URL('./log-events.ts', import.meta.url));

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* sources(path);
    } else if (/\.ts$/.test(entry.name) && !/\.test(-util)?\.ts$/.test(entry.name) && path !== CATALOGUE) {
      yield path;
    }
  }
}

interface Use {
  readonly file: string;
  readonly method: 'info' | 'warn' | 'error' | 'object';
  readonly name: string;
  /** A template literal `prefix.${…}`: the name is a prefix. */
  readonly prefix: boolean;
}

/** Event names logged in a source text: `.info('a.b'`, `.warn(\`a.${x}\``, `{ event: 'a.b' }`. */
export function logCalls(text: string, file = ''): Use[] {
  const uses: Use[] = [];
  const call = /\.(info|warn|error)\(\s*(['"`])([a-z][a-z0-9_]*\.(?:[a-z0-9_]+|\$\{))/g;
  for (const m of text.matchAll(call)) {
    const raw = m[3] ?? '';
    const prefix = raw.endsWith('${');
    uses.push({
      file,
      method: m[1] as Use['method'],
      name: prefix ? raw.slice(0, -2) : raw,
      prefix,
    });
  }
  for (const m of text.matchAll(/\bevent:\s*(['"])([a-z][a-z0-9_]*\.[a-z0-9_.]+)\1/g))
    uses.push({ file, method: 'object', name: m[2] ?? '', prefix: false });
  return uses;
}

const uses = [...sources(APPLIANCE)].flatMap((file) =>
  logCalls(readFileSync(file, 'utf8'), relative(APPLIANCE, file)),
);

describe('log event catalogue (appliance/common/log-events.ts)', () => {
  it('finds log calls in the shapes the code uses (the scan itself works)', () => {
    const sample = `log.info('card.status', { status });
      this.deps.log.error(
        'effect.failed', {});
      this.log.info(\`technician.\${event}\`, {});
      base.info({ event: 'usb_key.inserted', device });
      console.error('baladeur: stopping');`;
    expect(logCalls(sample).map((u) => [u.method, u.name, u.prefix])).toEqual([
      ['info', 'card.status', false],
      ['error', 'effect.failed', false],
      ['info', 'technician.', true],
      ['object', 'usb_key.inserted', false],
    ]);
    expect(uses.length).toBeGreaterThan(30);
    expect(uses.some((u) => u.file.startsWith('drivers/'))).toBe(true);
  });

  it('HZ-12 every event the code logs is catalogued, at the level the code logs it', () => {
    const unknown = uses
      .filter((u) =>
        u.prefix ? !Object.keys(LOG_EVENTS).some((k) => k.startsWith(u.name)) : !isLogEvent(u.name),
      )
      .map((u) => `${u.file}: ${u.name}`);
    expect(unknown).toEqual([]);
    const pinoStyle = uses.filter((u) => u.method === 'object').map((u) => `${u.file}: ${u.name}`);
    expect(pinoStyle, 'log through the EventLogger, not a pino object').toEqual([]);
    const wrongLevel = uses
      .filter((u) => !u.prefix && u.method !== 'object' && isLogEvent(u.name))
      .filter((u) => LOG_EVENTS[u.name as LogEvent].level !== u.method)
      .map((u) => `${u.file}: ${u.method}(${u.name})`);
    expect(wrongLevel).toEqual([]);
  });

  it('every catalogued event is logged somewhere', () => {
    const unused = (Object.keys(LOG_EVENTS) as LogEvent[]).filter(
      (event) => !uses.some((u) => (u.prefix ? event.startsWith(u.name) : u.name === event)),
    );
    expect(unused).toEqual([]);
  });

  it('every entry has a one-line description', () => {
    for (const [event, entry] of Object.entries(LOG_EVENTS)) {
      expect(entry.description, event).toMatch(/^[^\n]{10,160}$/);
      expect(event).toMatch(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/);
    }
  });
});
