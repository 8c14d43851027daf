import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../appliance/server/config/load.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'baladeur-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MAIN = path.resolve(import.meta.dirname, '../../../appliance/server/main.ts');

const valid = {
  site: { name: 'Urgences' },
  printer: { transport: { type: 'tcp', host: '127.0.0.1' } },
  trustAnchors: ['ca.pem'],
  dataDir: 'data',
};

describe('configuration', () => {
  it('a minimal file gets the documented defaults', () => {
    const result = parseConfig(valid, 'x.json');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.timeouts.idleSeconds).toBe(120);
    expect(result.value.breakGlass.professions).toEqual(['doctor', 'nurse', 'midwife']);
    expect(result.value.printer).toMatchObject({ width: 80, codePage: 'pc858', transport: { port: 9100 } });
    expect(result.value.defaultLanguage).toBe('fr');
  });

  it.each([
    ['width 70', { ...valid, printer: { ...valid.printer, width: 70 } }, /printer\.width/],
    ['unknown field', { ...valid, sitename: 'x' }, /sitename|Unrecognized/i],
    ['no trust anchors', { ...valid, trustAnchors: [] }, /trustAnchors/],
    [
      'HZ-06 technician allowed break-glass',
      { ...valid, breakGlass: { professions: ['technician'] } },
      /technician/,
    ],
    [
      'default language not offered',
      { ...valid, languages: ['en'], defaultLanguage: 'fr' },
      /defaultLanguage/,
    ],
    ['bad transport', { ...valid, printer: { transport: { type: 'parallel' } } }, /printer\.transport/],
  ])('rejects %s with a message naming the field', (_t, json, message) => {
    const result = parseConfig(json, 'x.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it.each([
    ['not JSON', '{ site: '],
    ['invalid field', JSON.stringify({ ...valid, timeouts: { idleSeconds: 1 } })],
    ['missing trust anchor file', JSON.stringify(valid)],
  ])('a bad config (%s) stops the server with one line and exit code 2', (_t, text) => {
    const file = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, text);
    const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--config', file], {
      encoding: 'utf8',
      env: { ...process.env, PORT: '0' },
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^baladeur: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing config without --unprovisioned-config still stops with one line and exit code 2', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', MAIN, '--config', path.join(dir, 'missing', 'config.json')],
      { encoding: 'utf8', env: { ...process.env, PORT: '0' }, timeout: 30_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^baladeur: .*file not found$/)]);
  });

  it('--unprovisioned-config without --config stops with exit code 2', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', MAIN, '--unprovisioned-config', path.join(dir, 'fallback.json')],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--unprovisioned-config needs --config/);
  });

  it('the production entry point has no simulators: --simulated stops with one line and exit code 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--simulated'], {
      encoding: 'utf8',
      env: { ...process.env, PORT: '0' },
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^baladeur: --simulated: this build has no simulators/),
    ]);
  });

  it('without --config and without simulators the production server stops with exit code 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN], {
      encoding: 'utf8',
      env: { ...process.env, PORT: '0' },
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--config <file> is required/);
  });

  it('an unknown argument stops with exit code 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--bogus'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
  });
});
