/**
 * IPS validation and summary: a bundle built from the shared fixtures' resources, mutated (any
 * node replaced by junk or hostile text), with sections and references drawn at random. A valid
 * bundle must summarise, give an emergency tier that is itself a valid bundle, and summarise again.
 */
import fc from 'fast-check';
import { fixtureNames, loadFixture } from '../../../appliance/record/ips/fixtures.testing.ts';
import { parseIpsBundle } from '../../../appliance/record/ips/parse.ts';
import { emergencyTier } from '../../../appliance/record/ips/tiers.ts';
import { summarize } from '../../../appliance/record/summary/summarize.ts';
import type { FuzzTarget, PreparedTarget } from '../harness.ts';
import { hostileText } from '../generators.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface PoolEntry {
  readonly fullUrl?: string;
  readonly resource: { [key: string]: Json };
}

const SECTION_CODES = [
  '48765-2',
  '10160-0',
  '11450-4',
  '46264-8',
  '30954-2',
  '42348-3',
  '11369-6',
  '8716-3',
  'x',
];
const MARKUP = [
  '<',
  '>',
  '</p>',
  '<br/>',
  '<td>',
  '</td>',
  '&amp;',
  '&#x',
  ';',
  ' ',
  '\n',
  '<div xmlns="x">',
  'é',
];

function poolOfFixtures(): PoolEntry[] {
  const pool: PoolEntry[] = [];
  for (const name of fixtureNames()) {
    const bundle = loadFixture(name) as {
      entry?: { fullUrl?: string; resource?: { [key: string]: Json } }[];
    };
    for (const e of bundle.entry ?? []) {
      if (e.resource === undefined || e.resource['resourceType'] === 'Composition') continue;
      pool.push(
        e.fullUrl === undefined ? { resource: e.resource } : { fullUrl: e.fullUrl, resource: e.resource },
      );
    }
  }
  return pool;
}

/** The nth node of a JSON value (depth first), replaced by `value`; the root is never replaced. */
function replaceNode(root: Json, n: number, value: Json): void {
  let count = 0;
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const current = stack.pop() as Json;
    if (typeof current !== 'object' || current === null) continue;
    const keys = Array.isArray(current) ? current.map((_, i) => i) : Object.keys(current);
    for (const key of keys) {
      count += 1;
      if (count === n) {
        (current as Record<string | number, Json>)[key] = value;
        return;
      }
      stack.push((current as Record<string | number, Json>)[key] as Json);
    }
  }
}

const junk: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 3, arbitrary: hostileText(MARKUP, 100_000) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, [], {}, -1, 1e308, '', '#', 'urn:uuid:', 'Patient/') },
);

interface Plan {
  readonly picks: readonly number[];
  readonly mutations: readonly { readonly entry: number; readonly node: number; readonly value: Json }[];
  readonly sections: readonly {
    readonly loinc: string;
    readonly refs: readonly Json[];
    readonly div?: Json;
  }[];
  readonly wholeJunk?: Json;
}

function build(pool: readonly PoolEntry[], plan: Plan): Json {
  if (plan.wholeJunk !== undefined) return plan.wholeJunk;
  const entries = plan.picks.map(
    (i) => structuredClone(pool[i % pool.length] as PoolEntry) as unknown as { [key: string]: Json },
  );
  for (const { entry, node, value } of plan.mutations) {
    const target = entries[entry % Math.max(1, entries.length)];
    if (target !== undefined) replaceNode(target, node % 200, value);
  }
  const urls = entries.map((e) => e['fullUrl']).filter((u): u is string => typeof u === 'string');
  const refFor = (ref: Json): Json =>
    typeof ref === 'number' && urls.length > 0
      ? { reference: urls[ref % urls.length] as string }
      : { reference: ref };
  const composition = {
    resourceType: 'Composition',
    status: 'final',
    type: { coding: [{ system: 'http://loinc.org', code: '60591-5' }] },
    subject: refFor(0),
    date: '2026-01-01',
    title: 'Fuzz',
    author: [refFor(1)],
    section: plan.sections.map((s) => ({
      title: s.loinc,
      code: { coding: [{ system: 'http://loinc.org', code: s.loinc }] },
      ...(s.div === undefined ? {} : { text: { status: 'generated', div: s.div } }),
      entry: s.refs.map(refFor),
    })),
  };
  return {
    resourceType: 'Bundle',
    type: 'document',
    entry: [{ fullUrl: 'urn:uuid:c', resource: composition }, ...entries],
  };
}

function plans(): fc.Arbitrary<Plan> {
  const ref: fc.Arbitrary<Json> = fc.oneof(
    fc.nat(),
    fc.constantFrom<Json>('#m', '#', 'Patient/1', 'urn:uuid:x'),
    junk,
  );
  const planned = fc.record({
    picks: fc.array(fc.nat(), { maxLength: 8 }),
    mutations: fc.array(fc.record({ entry: fc.nat(), node: fc.nat(), value: junk }), { maxLength: 3 }),
    sections: fc.array(
      fc.record(
        { loinc: fc.constantFrom(...SECTION_CODES), refs: fc.array(ref, { maxLength: 6 }), div: junk },
        { requiredKeys: ['loinc', 'refs'] },
      ),
      { maxLength: 6 },
    ),
  });
  return fc.oneof(
    { weight: 20, arbitrary: planned },
    {
      weight: 1,
      arbitrary: fc.record({
        picks: fc.constant([]),
        mutations: fc.constant([]),
        sections: fc.constant([]),
        wholeJunk: junk,
      }),
    },
  );
}

function run(json: Json): void {
  const parsed = parseIpsBundle(json);
  if (!parsed.ok) return;
  summarize(parsed.value);
  const tier = parseIpsBundle(JSON.parse(JSON.stringify(emergencyTier(parsed.value))) as unknown);
  if (!tier.ok)
    throw new Error(`invariant: the emergency tier of a valid bundle is invalid (${tier.error.code})`);
  summarize(tier.value);
}

export const ipsTarget: FuzzTarget<Json> = {
  name: 'ips',
  covers: 'appliance/record/ips parseIpsBundle, emergencyTier; appliance/record/summary summarize',
  prepare(): Promise<PreparedTarget<Json>> {
    const pool = poolOfFixtures();
    return Promise.resolve({
      arbitrary: plans().map((plan) => build(pool, plan)),
      run,
      encode: (json) => json,
      decode: (stored) => stored as Json,
    });
  },
};
