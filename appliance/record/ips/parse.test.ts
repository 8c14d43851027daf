import { describe, expect, it } from 'vitest';
import { parseIpsBundle } from './parse.ts';
import { IPS_LIMITS } from './limits.ts';
import { craftBundle, fixtureNames, loadFixture } from './fixtures.testing.ts';

function errorOf(value: unknown): { code: string; where: string; message: string } {
  const result = parseIpsBundle(value);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

function nest(depth: number): unknown {
  let inner: unknown = 'x';
  for (let i = 0; i < depth; i += 1) inner = [inner];
  return inner;
}

describe('parseIpsBundle on real bundles', () => {
  it('finds the ten shared fixtures', () => {
    expect(fixtureNames().length).toBeGreaterThanOrEqual(10);
  });

  for (const name of fixtureNames()) {
    it(`accepts ${name} and returns the very same object, unmodified`, () => {
      const json = loadFixture(name);
      const before = JSON.stringify(json);
      const result = parseIpsBundle(json);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value).toBe(json);
      expect(JSON.stringify(json)).toBe(before);
    });
  }
});

describe('parseIpsBundle refusals', () => {
  it.each([null, 'text', 42, [], true])('refuses a non-object %j as not_json_object', (value) => {
    expect(errorOf(value).code).toBe('not_json_object');
  });

  it('refuses another resource as not_a_bundle', () => {
    expect(errorOf({ resourceType: 'Patient' })).toMatchObject({
      code: 'not_a_bundle',
      where: 'resourceType',
    });
  });

  it('refuses a collection bundle as not_a_document', () => {
    expect(errorOf({ resourceType: 'Bundle', type: 'collection', entry: [] })).toMatchObject({
      code: 'not_a_document',
      where: 'type',
    });
  });

  it('refuses a document whose first entry is not a Composition', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'document',
      entry: [{ resource: { resourceType: 'Patient' } }],
    };
    expect(errorOf(bundle)).toMatchObject({ code: 'no_composition', where: 'entry[0].resource' });
    expect(errorOf({ resourceType: 'Bundle', type: 'document' }).code).toBe('no_composition');
  });

  it('refuses an entry without a resource and says where', () => {
    const good = craftBundle([], []);
    const bad = { ...good, entry: [...good.entry, { fullUrl: 'urn:uuid:x' }] };
    expect(errorOf(bad)).toMatchObject({ code: 'invalid_resource', where: 'entry[3].resource' });
  });

  it('refuses a resource whose resourceType is not a name', () => {
    const good = craftBundle([], []);
    const bad = { ...good, entry: [...good.entry, { resource: { resourceType: '<script>' } }] };
    expect(errorOf(bad)).toMatchObject({ code: 'invalid_resource', where: 'entry[3].resource.resourceType' });
  });

  it('refuses a section whose entry list is not a list', () => {
    const good = craftBundle([{ loinc: '48765-2' }], []);
    const composition = good.entry[0]?.resource as Record<string, unknown>;
    const bad = {
      ...good,
      entry: [{ resource: { ...composition, section: [{ entry: 'urn:uuid:a' }] } }, ...good.entry.slice(1)],
    };
    expect(errorOf(bad)).toMatchObject({
      code: 'invalid_resource',
      where: 'entry[0].resource.section[0].entry',
    });
  });

  it('error messages never quote the content', () => {
    const good = craftBundle([], []);
    const secret = 'Zacharie-Secretname';
    const bad = { ...good, entry: [...good.entry, { resource: { resourceType: secret + '!' } }] };
    const error = errorOf(bad);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('\n');
  });
});

describe('HZ-13 hostile bundles are refused quickly and without a crash', () => {
  it('HZ-13 a nesting bomb of 100 000 levels is refused as too_deep', () => {
    const bundle = { ...craftBundle([], []), extension: nest(100_000) };
    const error = errorOf(bundle);
    expect(error.code).toBe('too_deep');
    expect(error.where.startsWith('extension[0][0]')).toBe(true);
  });

  it('HZ-13 nesting just under the limit is accepted, one level over is refused', () => {
    const ok = { ...craftBundle([], []), extension: nest(IPS_LIMITS.maxDepth - 2) };
    expect(parseIpsBundle(ok).ok).toBe(true);
    const deep = { ...craftBundle([], []), extension: nest(IPS_LIMITS.maxDepth) };
    expect(errorOf(deep).code).toBe('too_deep');
  });

  it('HZ-13 a string over the limit is refused as too_large with its path', () => {
    const bundle = craftBundle(
      [],
      [{ resource: { resourceType: 'Basic', note: 'a'.repeat(IPS_LIMITS.maxStringLength + 1) } }],
    );
    expect(errorOf(bundle)).toMatchObject({ code: 'too_large', where: 'entry[3].resource.note' });
  });

  it('HZ-13 a huge property name is refused as too_large', () => {
    const bundle = { ...craftBundle([], []), ['k'.repeat(IPS_LIMITS.maxStringLength + 1)]: 1 };
    expect(errorOf(bundle).code).toBe('too_large');
  });

  it('HZ-13 more entries than the limit are refused before anything else', () => {
    const base = craftBundle([], []);
    const many = Array.from({ length: IPS_LIMITS.maxEntries + 1 }, () => ({
      resource: { resourceType: 'Basic' },
    }));
    expect(errorOf({ ...base, entry: [...base.entry, ...many] })).toMatchObject({
      code: 'too_large',
      where: 'entry',
    });
  });

  it('HZ-13 an array of two million values is refused as too_large', () => {
    const bundle = { ...craftBundle([], []), extension: new Array<number>(2_000_000).fill(0) };
    expect(errorOf(bundle).code).toBe('too_large');
  });

  it('HZ-13 a cyclic object (not JSON, but unknown input) ends as too_deep', () => {
    const bundle: Record<string, unknown> = { ...craftBundle([], []) };
    bundle['self'] = bundle;
    expect(errorOf(bundle).code).toBe('too_deep');
  });
});
