import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../appliance/server/config/load.ts';

const valid = {
  site: { name: 'Urgences' },
  printer: { transport: { type: 'tcp', host: '127.0.0.1' } },
  trustAnchors: ['ca.pem'],
  dataDir: 'data',
};

describe('cardReader: PC/SC or a PKCS#11 module', () => {
  it('an existing configuration (name pattern only) stays valid and means PC/SC', () => {
    const r = parseConfig({ ...valid, cardReader: { namePattern: 'Gemalto' } }, 'x.json');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.cardReader).toEqual({ namePattern: 'Gemalto', kind: 'pcsc' });
  });

  it('a PKCS#11 module is an absolute path to a shared library', () => {
    const module = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
    const r = parseConfig({ ...valid, cardReader: { kind: 'pkcs11', module } }, 'x.json');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.cardReader).toEqual({ kind: 'pkcs11', module });
  });

  it.each([
    ['no module', { kind: 'pkcs11' }],
    ['a relative module', { kind: 'pkcs11', module: 'libcps3_pkcs11_lin.so' }],
    ['not a library', { kind: 'pkcs11', module: '/bin/sh' }],
    ['an unknown kind', { kind: 'nfc' }],
  ])('%s is refused', (_title, cardReader) => {
    const r = parseConfig({ ...valid, cardReader }, 'x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/cardReader/);
  });
});
