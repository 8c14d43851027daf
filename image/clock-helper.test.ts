/**
 * The root helper that sets the clock for the technician screen (issue 17, HZ-25):
 * `usr/local/lib/baladeur/set-clock` run against a stand-in `timedatectl` that records its
 * arguments, and its units' lock-down (the exposure of every unit is also scored in
 * image-policy.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const rootfs = join(import.meta.dirname, 'rootfs');
const helper = join(rootfs, 'usr/local/lib/baladeur/set-clock');
const unit = (name: string) => readFileSync(join(rootfs, 'etc/systemd/system', name), 'utf8');

let dir: string;
let request: string;
let release: string;
let calls: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baladeur-set-clock-'));
  request = join(dir, 'clock-request');
  release = join(dir, 'baladeur-release');
  calls = join(dir, 'timedatectl.calls');
  const stub = join(dir, 'timedatectl');
  writeFileSync(stub, `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(calls)}\n`);
  chmodSync(stub, 0o755);
  // Built 2026-11-30T00:00:00Z.
  writeFileSync(release, 'VERSION=0.1.0\nBUILD_EPOCH=1795996800\nBUILD=production\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setClock(line: string | undefined) {
  if (line !== undefined) writeFileSync(request, line);
  const run = spawnSync('sh', [helper, request, release], {
    encoding: 'utf8',
    env: { PATH: `${dir}:/usr/bin:/bin` },
  });
  return {
    status: run.status,
    stderr: run.stderr,
    calls: existsSync(calls) ? readFileSync(calls, 'utf8') : '',
  };
}

describe('set-clock (root helper)', () => {
  it('HZ-25 a valid request sets the time through timedatectl (system clock and RTC) and is consumed', () => {
    const run = setClock('2026-12-03T14:05:00.000Z\n');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.calls).toBe('set-time 2026-12-03 14:05:00 UTC\n');
    expect(existsSync(request)).toBe(false);
  });

  it.each([
    ['before the image was built', '2026-11-29T23:59:59Z'],
    ['before the image was built', '2001-01-01T00:00:00Z'],
    ['after 2099', '2100-01-01T00:00:00Z'],
    ['not an instant in UTC', '2026-12-03T14:05:00+01:00'],
    ['not an instant in UTC', '2026-12-03T14:05:00Z; reboot'],
    ['not an instant in UTC', '$(reboot)'],
    ['not a date', '2026-02-31T10:00:00Z'],
  ])('HZ-25 refuses a request %s (%s): the clock is untouched, the request consumed', (why, line) => {
    const run = setClock(`${line}\n`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`refused: ${why}`);
    expect(run.calls).toBe('');
    expect(existsSync(request)).toBe(false);
  });

  it('without a release file the floor is the command range (2026)', () => {
    rmSync(release);
    expect(setClock('2025-12-31T23:59:59Z\n')).toMatchObject({ status: 1, calls: '' });
    expect(setClock('2026-01-02T00:00:00Z\n')).toMatchObject({
      status: 0,
      calls: 'set-time 2026-01-02 00:00:00 UTC\n',
    });
  });

  it('the path unit watches the server’s request file; the service runs the helper with nothing but CAP_DAC_OVERRIDE', () => {
    expect(unit('baladeur-clock.path')).toMatch(/^PathExists=\/run\/baladeur\/clock-request$/m);
    const service = unit('baladeur-clock.service');
    expect(service).toMatch(
      /^ExecStart=\/usr\/local\/lib\/baladeur\/set-clock \/run\/baladeur\/clock-request \/etc\/baladeur-release$/m,
    );
    expect(service).toMatch(/^CapabilityBoundingSet=CAP_DAC_OVERRIDE$/m);
    expect(service).toMatch(/^ReadWritePaths=\/run\/baladeur$/m);
    expect(service).toMatch(/^PrivateNetwork=yes$/m);
    // timedated changes the clock: this unit keeps the clock calls denied like every other.
    expect(service).toMatch(/^ProtectClock=yes$/m);
    expect(service).toMatch(/^SystemCallFilter=~.*@clock/m);
    expect(service).not.toMatch(/^User=/m);
    const score = spawnSync(
      'systemd-analyze',
      ['security', '--offline=yes', '--no-pager', join(rootfs, 'etc/systemd/system/baladeur-clock.service')],
      { encoding: 'utf8' },
    );
    const exposure = /Overall exposure level for baladeur-clock\.service: ([\d.]+)/.exec(score.stdout);
    expect(Number(exposure?.[1])).toBeLessThanOrEqual(2.0);
  });
});
