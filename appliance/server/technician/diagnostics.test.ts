import { describe, expect, it } from 'vitest';
import {
  deviceDiagnostics,
  gatherDiagnostics,
  systemInformation,
  type SystemInfoSource,
} from './diagnostics.ts';
import type { SoftwareVersion } from '../../contract/diagnostics.ts';

const software: SoftwareVersion = { version: '1.2.3', source: 'package_json' };
const devices = deviceDiagnostics(
  { status: 'no_card', reader: 'Test Reader' },
  { status: 'paper_out' },
  { status: 'no_key' },
);

const reader = {
  name: 'CCID reader',
  type: 'Smartcard',
  vendor: 'Gemalto',
  manufacturer: 'Gemalto',
  bus: 1,
  serialNumber: 'SECRET123',
};

function fakeSource(overrides: Partial<SystemInfoSource> = {}): SystemInfoSource {
  return {
    cpu: async () => ({ manufacturer: 'Intel', brand: 'N100', cores: 4, physicalCores: 4, speed: 0.8 }),
    mem: async () => ({ total: 8e9, available: 6e9, used: 2e9 }),
    fsSize: async () => [
      { fs: '/dev/sda3', type: 'ext4', size: 1e9, used: 1e8, use: 10, mount: '/data', rw: true },
    ],
    cpuTemperature: async () => ({ main: 47.5, max: 52 }),
    networkInterfaces: async () => [
      {
        iface: 'lo',
        ip4: '127.0.0.1',
        ip6: '::1',
        mac: '00:00:00:00:00:00',
        operstate: 'unknown',
        internal: true,
      },
    ],
    usb: async () => [reader],
    osInfo: async () => ({
      distro: 'Debian GNU/Linux',
      release: '13',
      kernel: '6.12',
      arch: 'x64',
      hostname: 'kiosk-1',
    }),
    time: () => ({ current: Date.UTC(2026, 10, 28, 10, 0, 0), uptime: 3600.4, timezone: 'UTC+0100' }),
    ...overrides,
  };
}

describe('diagnostics', () => {
  it('maps every probe into a typed object, with device statuses passed in', async () => {
    const d = await gatherDiagnostics({ source: fakeSource(), software, devices, now: () => new Date(0) });
    expect(d.cpu).toEqual({
      status: 'ok',
      value: { manufacturer: 'Intel', brand: 'N100', cores: 4, physicalCores: 4, speedGHz: 0.8 },
    });
    expect(d.temperature).toEqual({ status: 'ok', value: { mainCelsius: 47.5, maxCelsius: 52 } });
    expect(d.time).toEqual({
      status: 'ok',
      value: { current: '2026-11-28T10:00:00.000Z', uptimeSeconds: 3600, timezone: 'UTC+0100' },
    });
    expect(d.disks.status === 'ok' && d.disks.value[0]?.mount).toBe('/data');
    expect(d.devices).toEqual({
      reader: { status: 'no_card', reader: 'Test Reader' },
      printer: { status: 'paper_out' },
      usbKey: { status: 'no_key' },
    });
    expect(d.gatheredAt).toBe('1970-01-01T00:00:00.000Z');
    expect(d.software.version).toBe('1.2.3');
  });

  it('never carries USB serial numbers nor a key block source', async () => {
    const withKey = deviceDiagnostics(
      { status: 'service_unavailable' },
      { status: 'ready', paperNearEnd: false },
      { status: 'key_present', keyId: 'key-7f3a', device: { kind: 'device', path: '/dev/sdz' } },
    );
    const d = await gatherDiagnostics({ source: fakeSource(), software, devices: withKey });
    const json = JSON.stringify(d);
    expect(json).not.toContain('SECRET123');
    expect(json).not.toContain('key-7f3a');
    expect(d.devices.usbKey).toEqual({ status: 'key_present' });
  });

  it('a failing, hanging or sensor-less probe is unavailable and the others still answer', async () => {
    const d = await gatherDiagnostics({
      source: fakeSource({
        cpu: () => Promise.reject(new Error('boom')),
        mem: () => new Promise(() => {}),
        cpuTemperature: async () => ({ main: null, max: null }),
        usb: async () => [],
        osInfo: async () => {
          throw new Error('sync throw');
        },
        networkInterfaces: async () => ({ iface: 'not a list' }),
      }),
      software,
      devices,
      timeoutMs: 50,
    });
    expect(d.cpu).toEqual({ status: 'unavailable', reason: 'failed' });
    expect(d.memory).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(d.temperature).toEqual({ status: 'unavailable', reason: 'not_supported' });
    expect(d.usb).toEqual({ status: 'ok', value: [] });
    expect(d.os).toEqual({ status: 'unavailable', reason: 'failed' });
    expect(d.network).toEqual({ status: 'unavailable', reason: 'failed' });
    expect(d.disks.status).toBe('ok');
  });

  it('gathers from the real systeminformation on this machine without throwing', async () => {
    const d = await gatherDiagnostics({
      source: await systemInformation(),
      software,
      devices,
      timeoutMs: 10_000,
    });
    expect(d.memory.status).toBe('ok');
    if (d.memory.status === 'ok') expect(d.memory.value.totalBytes).toBeGreaterThan(0);
    expect(d.cpu.status).toBe('ok');
    // Whatever the machine has, each probe is a well-formed answer.
    for (const p of [d.temperature, d.usb, d.network, d.disks, d.os, d.time]) {
      expect(['ok', 'unavailable']).toContain(p.status);
    }
    expect(() => JSON.stringify(d)).not.toThrow();
  });
});
