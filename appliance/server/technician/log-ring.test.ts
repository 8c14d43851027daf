import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createLogRing, toRingEntry } from './log-ring.ts';

describe('log ring buffer', () => {
  it('keeps the event, level, time and whitelisted fields of the server logger', () => {
    const ring = createLogRing(10);
    const log = createLogger({ destination: ring.stream as unknown as NodeJS.WritableStream });
    log.info('card.login', { outcome: 'authenticated' });
    log.warn('server.request_refused', { reason: 'origin' });
    log.error('effect.failed', { effect: 'read_key', error: 'TypeError' });
    const entries = ring.entries();
    expect(entries.map((e) => [e.level, e.event, e.fields])).toEqual([
      ['info', 'card.login', { outcome: 'authenticated' }],
      ['warn', 'server.request_refused', { reason: 'origin' }],
      ['error', 'effect.failed', { effect: 'read_key', error: 'TypeError' }],
    ]);
    expect(entries[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('HZ-12 never holds patient content, even when a caller logs it by mistake', () => {
    const ring = createLogRing(10);
    const base = pino({ base: undefined }, ring.stream);
    base.info({
      event: 'usb_key.read',
      outcome: 'ok',
      patientName: 'Julie BERNARD',
      msg: 'opened record of Julie BERNARD',
    });
    base.info({
      event: 'usb_key.unlock',
      reason: 'Allergie pénicilline grave',
      status: 'BERNARD Julie 1984-03-02',
    });
    base.info({ event: 'not.catalogued', outcome: 'ok' });
    const dump = JSON.stringify(ring.entries());
    expect(dump).not.toMatch(/Julie|BERNARD|pénicilline|1984/);
    expect(ring.entries().map((e) => e.event)).toEqual(['usb_key.read', 'usb_key.unlock', 'unknown']);
    expect(ring.entries()[1]?.fields).toEqual({});
  });

  it('keeps only the most recent lines, oldest first, and copes with split writes', () => {
    const ring = createLogRing(3);
    for (let i = 1; i <= 5; i += 1)
      ring.stream.write(`{"level":30,"time":${i},"event":"print.job","count":${i}}\n`);
    expect(ring.entries().map((e) => e.fields.count)).toEqual([3, 4, 5]);
    ring.stream.write('{"level":40,"time":9,"eve');
    ring.stream.write('nt":"printer.status","status":"paper_out"}\nnot json\n');
    expect(ring.entries().map((e) => e.fields.count ?? e.fields.status)).toEqual([4, 5, 'paper_out']);
    ring.clear();
    expect(ring.entries()).toEqual([]);
    expect(toRingEntry('{"level":"info"}')).toBeUndefined();
  });
});
