import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../common/result.ts';
import { pivRecordSigner } from '../../drivers/smartcard/piv/piv-signer.ts';
import { signTier } from '../../record/crypto/sign.ts';
import { verifyTier } from '../../record/crypto/verify.ts';
import { ensureDevPki, type DevPki } from '../pki/dev-pki.ts';
import { createApplet } from './index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baladeur-signing-card-'));
let pki: DevPki;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  pki = await ensureDevPki(path.join(dir, 'pki'));
}, 60_000);

const payload = new TextEncoder().encode('{"resourceType":"Bundle"}');

describe('the virtual cards that sign records', () => {
  it.each(['doctor', 'midwife'] as const)(
    'HZ-21 the %s card signs with its 9C key; the record reads valid under the dev test CA',
    async (profile) => {
      const applet = await createApplet(pki, profile);
      const signer = await pivRecordSigner(async (cmd) => ok(applet.process(cmd)), pki.people[profile].pin);
      if (!signer.ok) throw new Error(signer.error.kind);
      const jws = await signTier(payload, signer.value, { tier: 'full' });
      const read = await verifyTier(jws, {
        tier: 'full',
        trustAnchorsPem: [pki.testCa.certPem],
        now: new Date(),
      });
      expect(read?.verification).toMatchObject({
        status: 'valid',
        signer: { name: pki.people[profile].name, profession: profile },
      });
    },
  );

  it.each(['nurse', 'pharmacist', 'technician'] as const)(
    'the %s card has no 9C signing key',
    async (profile) => {
      expect(pki.people[profile].signing).toBeUndefined();
      const applet = await createApplet(pki, profile);
      const signer = await pivRecordSigner(async (cmd) => ok(applet.process(cmd)), pki.people[profile].pin);
      expect(!signer.ok && signer.error.kind).toBe('no_signing_certificate');
    },
  );
});
