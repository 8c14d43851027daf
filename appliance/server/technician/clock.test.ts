import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClockSetter } from './clock.ts';
import { createLogRing, TechnicianService } from './index.ts';
import type { SystemInfoSource } from './diagnostics.ts';

const NOW = new Date('2001-01-01T00:03:00.000Z');
const AT = '2026-12-03T14:05:00.000Z';
/** 2026-11-30T00:00:00Z, as the release file's BUILD_EPOCH says. */
const BUILD_EPOCH = 1_795_996_800;

let dir: string;
let requestFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-clock-'));
  requestFile = path.join(dir, 'clock-request');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('setting the clock (issue 17)', () => {
  it('HZ-25 production: one line for the root helper, written whole (0600), remembered for diagnostics', () => {
    const clock = createClockSetter({
      mode: 'production',
      requestFile,
      buildEpoch: BUILD_EPOCH,
      now: () => NOW,
    });
    expect(clock.set(AT)).toEqual({
      ok: true,
      value: { status: 'requested', previous: NOW.toISOString(), requested: AT },
    });
    expect(readFileSync(requestFile, 'utf8')).toBe(`${AT}\n`);
    expect(statSync(requestFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['clock-request']);
    expect(clock.last()).toEqual({ requestedAt: NOW.toISOString(), setTo: AT, simulated: false });
  });

  it('HZ-25 the dev kiosk records the request and never asks for the machine clock to change', () => {
    const clock = createClockSetter({ mode: 'simulated', requestFile, now: () => NOW });
    expect(clock.set(AT)).toMatchObject({ ok: true, value: { status: 'simulated' } });
    expect(existsSync(requestFile)).toBe(false);
    expect(clock.last()).toMatchObject({ simulated: true, setTo: AT });
  });

  it('HZ-25 a time before the image was built is refused; nothing is written', () => {
    const clock = createClockSetter({
      mode: 'production',
      requestFile,
      buildEpoch: BUILD_EPOCH,
      now: () => NOW,
    });
    expect(clock.set('2026-06-01T00:00:00.000Z')).toEqual({ ok: false, error: 'before_build' });
    expect(existsSync(requestFile)).toBe(false);
    expect(clock.last()).toBeUndefined();
  });

  it('a request that cannot be written is an error code, and production without a helper says so', () => {
    const missing = createClockSetter({
      mode: 'production',
      requestFile: path.join(dir, 'no', 'x'),
      now: () => NOW,
    });
    expect(missing.set(AT)).toEqual({ ok: false, error: 'io_ENOENT' });
    expect(createClockSetter({ mode: 'production', now: () => NOW }).set(AT)).toEqual({
      ok: false,
      error: 'no_helper',
    });
  });

  it('HZ-25 diagnostics show the clock set by the technician beside its source', async () => {
    const source = {
      time: () => ({ current: NOW.getTime(), uptime: 5, timezone: 'Europe/Paris' }),
    } as unknown as SystemInfoSource;
    const service = new TechnicianService({
      dataDir: dir,
      factoryAnchorsPem: [],
      auditFile: path.join(dir, 'audit.sqlite'),
      siteName: () => 'S',
      devices: () => ({
        reader: { status: 'no_reader' },
        printer: { status: 'ready', paperNearEnd: false },
        usbKey: { status: 'no_key' },
      }),
      ring: createLogRing(),
      version: { version: '1', source: 'unknown' },
      systemInfo: async () => source,
      clockSource: async () => 'rtc',
      probeTimeoutMs: 200,
      now: () => NOW,
    });
    expect((await service.diagnostics()).clockSetting).toBeUndefined();
    expect(service.setClock('simulated', AT)).toMatchObject({ ok: true });
    const d = await service.diagnostics();
    expect(d.clockSource).toEqual({ status: 'ok', value: 'rtc' });
    expect(d.clockSetting).toEqual({ requestedAt: NOW.toISOString(), setTo: AT, simulated: true });
  });
});
