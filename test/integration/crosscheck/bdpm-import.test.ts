import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  activeBdpmDir,
  loadDrugKnowledge,
  SHIPPED_BDPM_DIR,
} from '../../../appliance/crosscheck/bdpm/load.ts';
import { importBdpm } from '../../../scripts/bdpm-import.ts';

const SHARED = SHIPPED_BDPM_DIR;
const dir = mkdtempSync(join(tmpdir(), 'baladeur-bdpm-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/bdpm-import.ts', () => {
  it('installs the official release byte-identical, reports counts, and the kiosk then loads it', async () => {
    const dataDir = join(dir, 'data');
    const lines: string[] = [];
    expect(await importBdpm(SHARED, dataDir, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/15676 products, 20747 boxes, 22323 substances, 1487 generic groups/);
    for (const f of ['CIS_bdpm.txt', 'CIS_CIP_bdpm.txt', 'CIS_COMPO_bdpm.txt', 'CIS_GENER_bdpm.txt']) {
      expect(readFileSync(join(activeBdpmDir(dataDir), f)).equals(readFileSync(join(SHARED, f)))).toBe(true);
    }
    const loaded = await loadDrugKnowledge({ dataDir });
    expect(loaded.ok && loaded.value.sourceDir).toBe(activeBdpmDir(dataDir));
    expect(loaded.ok && loaded.value.from).toBe('cache');
  }, 120_000);

  it('refuses a damaged release and keeps the previous one active', async () => {
    const dataDir = join(dir, 'data');
    const bad = join(dir, 'bad');
    cpSync(SHARED, bad, { recursive: true });
    writeFileSync(join(bad, 'CIS_CIP_bdpm.txt'), 'not\ta\tBDPM\tfile\n');
    const lines: string[] = [];
    expect(await importBdpm(bad, dataDir, (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toMatch(/release refused/);
    expect(readFileSync(join(activeBdpmDir(dataDir), 'CIS_CIP_bdpm.txt')).length).toBeGreaterThan(4_000_000);
  }, 120_000);
});
