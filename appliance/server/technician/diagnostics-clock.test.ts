import { describe, expect, it } from 'vitest';
import type { SoftwareVersion } from '../../contract/diagnostics.ts';
import { deviceDiagnostics, gatherDiagnostics, type SystemInfoSource } from './diagnostics.ts';

const software: SoftwareVersion = { version: '1.2.3', source: 'package_json' };
const devices = deviceDiagnostics(
  { status: 'no_card', reader: 'r' },
  { status: 'ready', paperNearEnd: false },
  { status: 'no_key' },
);
const failing = (): Promise<never> => Promise.reject(new Error('no'));
const source = {
  cpu: failing,
  mem: failing,
  fsSize: failing,
  cpuTemperature: failing,
  networkInterfaces: failing,
  usb: failing,
  osInfo: failing,
  time: () => ({ current: Date.parse('2001-01-01T00:00:00Z'), uptime: 5, timezone: 'UTC' }),
} as unknown as SystemInfoSource;

describe('diagnostics: the clock and the CRLs (issue 17)', () => {
  it('HZ-25 shows the clock, where it comes from, and a CRL "not yet valid" by that clock', async () => {
    const d = await gatherDiagnostics({
      source,
      software,
      devices,
      clockSource: async () => 'rtc',
      revocation: {
        staleCrl: 'refuse',
        crls: [
          {
            issuer: 'CN=Test CA',
            thisUpdate: '2026-11-01T00:00:00.000Z',
            nextUpdate: '2026-12-31T00:00:00.000Z',
            entries: 1,
            state: 'not_yet_valid',
          },
        ],
      },
    });
    expect(d.time).toMatchObject({ status: 'ok', value: { current: '2001-01-01T00:00:00.000Z' } });
    expect(d.clockSource).toEqual({ status: 'ok', value: 'rtc' });
    expect(d.revocation?.staleCrl).toBe('refuse');
    expect(d.revocation?.crls[0]?.state).toBe('not_yet_valid');
  });

  it('an unknown clock source is unavailable, not a failure of the whole page', async () => {
    const d = await gatherDiagnostics({ source, software, devices, clockSource: failing });
    expect(d.clockSource.status).toBe('unavailable');
    expect(d.revocation).toBeUndefined();
    expect(d.devices.reader.status).toBe('no_card');
  });
});
