import { describe, expect, it } from 'vitest';
import { parseConfig } from './load.ts';

const minimal = {
  site: { name: 'Test site' },
  printer: { transport: { type: 'none' } },
  trustAnchors: ['login.pem'],
  dataDir: 'data',
};
const nurses = { name: 'IDE du CHU', issuerKeyId: 'ab:cd:01:02', titles: ['IDE'], profession: 'nurse' };
const parse = (staffMappings: unknown) => parseConfig({ ...minimal, staffMappings }, 'c.json');

describe('staffMappings in the kiosk configuration', () => {
  it('absent: no mapping (establishment cards get no identity, as before)', () => {
    const parsed = parseConfig(minimal, 'c.json');
    expect(parsed.ok && parsed.value.staffMappings).toBeUndefined();
  });

  it('a named mapping by issuer and title or id prefix is accepted as written', () => {
    const byDn = {
      name: 'Internes',
      issuerSubject: 'CN=AC CPE, O=CHU',
      idPrefixes: ['3750100000'],
      profession: 'doctor',
    };
    const parsed = parse([nurses, byDn]);
    expect(parsed.ok && parsed.value.staffMappings).toEqual([nurses, byDn]);
  });

  it('HZ-06 refused: a technician role, no issuer, neither titles nor prefixes, an RPPS prefix, a repeated name', () => {
    expect(parse([{ ...nurses, profession: 'technician' }]).ok).toBe(false);
    expect(parse([{ name: 'x', titles: ['IDE'], profession: 'nurse' }]).ok).toBe(false);
    expect(parse([{ name: 'x', issuerKeyId: 'abcd0102', profession: 'nurse' }]).ok).toBe(false);
    expect(parse([{ ...nurses, idPrefixes: ['8100'] }]).ok).toBe(false);
    expect(parse([{ ...nurses, issuerKeyId: 'not hex' }]).ok).toBe(false);
    expect(parse([nurses, { ...nurses, titles: ['SEC'] }]).ok).toBe(false);
    expect(parse([{ ...nurses, name: '' }]).ok).toBe(false);
  });
});
