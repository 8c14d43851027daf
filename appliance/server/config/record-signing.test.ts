import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './load.ts';

const minimal = {
  site: { name: 'Test site' },
  printer: { transport: { type: 'none' } },
  trustAnchors: ['login.pem'],
  dataDir: 'data',
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baladeur-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const PEM = (label: string) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(label).toString('base64')}\n-----END CERTIFICATE-----\n`;

describe('recordSigning in the kiosk configuration', () => {
  it('an existing config without it stays valid, with doctor and midwife and 12 months', () => {
    const parsed = parseConfig(minimal, 'c.json');
    expect(parsed.ok && parsed.value.recordSigning).toEqual({
      professions: ['doctor', 'midwife'],
      outdatedAfterMonths: 12,
    });
  });

  it('cardReader.signWithAuthenticationKey (PKCS#11): absent by default, a boolean only', () => {
    const reader = { kind: 'pkcs11', module: '/usr/lib/x.so' };
    const plain = parseConfig({ ...minimal, cardReader: reader }, 'c.json');
    expect(plain.ok && plain.value.cardReader?.signWithAuthenticationKey).toBeUndefined();
    const allowed = parseConfig(
      { ...minimal, cardReader: { ...reader, signWithAuthenticationKey: true } },
      'c.json',
    );
    expect(allowed.ok && allowed.value.cardReader?.signWithAuthenticationKey).toBe(true);
    const wrong = parseConfig(
      { ...minimal, cardReader: { ...reader, signWithAuthenticationKey: 'yes' } },
      'c.json',
    );
    expect(wrong.ok).toBe(false);
  });

  it('HZ-21 technicians can never be allowed to sign records', () => {
    const parsed = parseConfig(
      { ...minimal, recordSigning: { professions: ['doctor', 'technician'] } },
      'c.json',
    );
    expect(!parsed.ok && parsed.error).toMatch(/recordSigning\.professions: technicians cannot/u);
  });

  it('HZ-21 record-signer anchors are read apart from the login anchors; absent, the login anchors serve', () => {
    fs.writeFileSync(path.join(dir, 'login.pem'), PEM('login'));
    fs.writeFileSync(path.join(dir, 'signers.pem'), PEM('signers'));
    const write = (name: string, config: object) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(config));
      return loadConfig(file);
    };
    const apart = write('apart.json', { ...minimal, recordSigning: { trustAnchors: ['signers.pem'] } });
    expect(apart.ok && apart.value.trustAnchorsPem).toEqual([PEM('login')]);
    expect(apart.ok && apart.value.recordSignerAnchorsPem).toEqual([PEM('signers')]);
    const shared = write('shared.json', minimal);
    expect(shared.ok && shared.value.recordSignerAnchorsPem).toEqual([PEM('login')]);
    const missing = write('missing.json', { ...minimal, recordSigning: { trustAnchors: ['nope.pem'] } });
    expect(!missing.ok && missing.error).toMatch(/trust anchor .*nope\.pem: file not found/u);
  });
});
