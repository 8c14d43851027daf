/**
 * Keys from a record never reach Object.prototype (found by `npm run fuzz`, issue 15): a resource
 * whose resourceType is "valueOf" crashed `summarize` (the kiosk could not open the key); a code
 * such as "constructor" looked up in a table must find nothing.
 */
import { describe, expect, it } from 'vitest';
import { craftBundle } from '../ips/fixtures.testing.ts';
import { emergencyTier } from '../ips/tiers.ts';
import { narrativeText } from './narrative.ts';
import { summarize } from './summarize.ts';

const PROTOTYPE_KEYS = ['valueOf', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

describe('record keys that name Object.prototype members', () => {
  it.each(PROTOTYPE_KEYS)('HZ-13 a resource of type %s is summarised without a crash', (resourceType) => {
    const bundle = craftBundle([], [{ fullUrl: 'urn:uuid:x', resource: { resourceType, id: 'x' } }]);
    expect(() => summarize(bundle)).not.toThrow();
    expect(() => emergencyTier(bundle)).not.toThrow();
  });

  it('HZ-13 a contact relationship or empty reason coded "constructor" shows its own text, not a function', () => {
    const bundle = craftBundle(
      [{ loinc: '48765-2', emptyReason: { coding: [{ code: 'constructor' }] } }],
      [],
    );
    const patient = bundle.entry[1]?.resource as Record<string, unknown>;
    patient['contact'] = [{ relationship: [{ coding: [{ code: 'constructor' }] }], name: { text: 'Sam' } }];
    const text = JSON.stringify(summarize(bundle));
    expect(text).not.toContain('function');
    expect(text).not.toContain('[native code]');
  });

  it('an entity named like a prototype member stays as written', () => {
    expect(narrativeText('&proto; &valueOf;')).toBe('&proto; &valueOf;');
  });
});
