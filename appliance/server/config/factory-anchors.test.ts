import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevPki, type DevPki } from '../../dev/pki/dev-pki.ts';
import { factoryAnchorsOf } from './factory-anchors.ts';

let pki: DevPki;
let dir: string;
beforeAll(async () => {
  pki = await ensureDevPki();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-factory-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the factory CA for site bundles', () => {
  it("HZ-04 is the image's unprovisioned configuration's anchor, read from beside it", () => {
    writeFileSync(path.join(dir, 'factory-technician-ca.pem'), pki.testCa.certPem);
    const file = path.join(dir, 'unprovisioned.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        site: { name: 'Baladeur' },
        printer: { transport: { type: 'none' } },
        trustAnchors: ['factory-technician-ca.pem'],
        dataDir: dir,
      }),
    );
    expect(factoryAnchorsOf(file)).toEqual([pki.testCa.certPem]);
  });

  it('HZ-04 none without a fallback configuration, or with an unreadable one: every bundle is then refused', () => {
    expect(factoryAnchorsOf(undefined)).toEqual([]);
    expect(factoryAnchorsOf(path.join(dir, 'missing.json'))).toEqual([]);
  });
});
