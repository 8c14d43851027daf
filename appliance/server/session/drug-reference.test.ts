/**
 * The drug reference is asked for once, when a pharmacist is first authenticated (never on a
 * kiosk only nurses and doctors use), kept once loaded, and left `unavailable` after a failure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDrugKnowledge } from '../../crosscheck/bdpm/load.ts';
import type { DrugKnowledge } from '../../crosscheck/knowledge.ts';
import type { Profession } from '../../common/professions.ts';
import type { SessionEffect, SessionEvent } from './events.ts';
import {
  authenticated,
  cardIn,
  cardOut,
  cmd,
  identity,
  lockedKey,
  loginResult,
  openOk,
  POLICY,
  run,
  UNPROVISIONED,
  type Input,
} from './fixtures.testing.ts';
import { initialState, type SessionPolicy, type SessionState } from './state.ts';
import { toView } from './view.ts';

const DOLIPRANE = '3400935955838'; // DOLIPRANE 1000 mg, comprimé (shipped BDPM release)

let knowledge: DrugKnowledge;
beforeAll(async () => {
  const loaded = await loadDrugKnowledge();
  if (!loaded.ok) throw new Error(`drug reference: ${loaded.error.kind}`);
  knowledge = loaded.value.knowledge;
});

const loads = (effects: readonly SessionEffect[]) => effects.filter((e) => e.type === 'load_drug_reference');
const loaded = (): SessionEvent => ({ type: 'drugs.loaded', knowledge });
const failed: SessionEvent = { type: 'drugs.loaded', knowledge: undefined };
const openByCode = (profession: Profession, n = 1): Input[] => [
  ...authenticated(identity(profession, n)),
  ...lockedKey(),
  cmd({ type: 'code.submit', code: 'C' }),
  openOk('full'),
];
const crossView = (s: SessionState) => {
  const key = toView(s, { revision: 1, bootId: 'b', mode: 'simulated', siteName: 'S' }).key;
  return key.status === 'open' ? key.crosscheck : undefined;
};
const noPharmacistByCode: SessionPolicy = {
  ...POLICY,
  codeProfessions: POLICY.codeProfessions.filter((p) => p !== 'pharmacist'),
};

describe('drug reference: when it is asked for', () => {
  const rows: {
    title: string;
    inputs: readonly Input[];
    policy?: SessionPolicy;
    loads: number;
    status: SessionState['drugs']['status'];
  }[] = [
    { title: 'at start, nobody there', inputs: [], loads: 0, status: 'not_loaded' },
    ...(['nurse', 'doctor', 'midwife', 'technician'] as const).map((p) => ({
      title: `a ${p} authenticated, key open by code`,
      inputs: p === 'technician' ? authenticated(identity(p)) : openByCode(p),
      loads: 0,
      status: 'not_loaded' as const,
    })),
    {
      title: 'a pharmacist card waiting for its PIN',
      inputs: [cardIn('card-1')],
      loads: 0,
      status: 'not_loaded',
    },
    {
      title: 'a pharmacist card whose PIN is wrong',
      inputs: [
        cardIn('card-1'),
        cmd({ type: 'pin.submit', pin: '0000' }),
        loginResult({ status: 'wrong_pin', retriesLeft: 2 }),
      ],
      loads: 0,
      status: 'not_loaded',
    },
    {
      title: 'a pharmacist authenticated (before any key)',
      inputs: authenticated(identity('pharmacist')),
      loads: 1,
      status: 'loading',
    },
    {
      title: 'two pharmacists one after the other while it loads',
      inputs: [
        ...authenticated(identity('pharmacist')),
        cardOut,
        ...authenticated(identity('pharmacist', 2), 'card-2'),
      ],
      loads: 1,
      status: 'loading',
    },
    {
      title: 'a pharmacist after it loaded (card pulled and authenticated again)',
      inputs: [
        ...authenticated(identity('pharmacist')),
        loaded,
        cardOut,
        ...authenticated(identity('pharmacist')),
      ],
      loads: 1,
      status: 'ready',
    },
    {
      title: 'HZ-11 a pharmacist after a failed load: no retry, still unavailable',
      inputs: [
        ...authenticated(identity('pharmacist')),
        failed,
        cardOut,
        ...authenticated(identity('pharmacist')),
      ],
      loads: 1,
      status: 'unavailable',
    },
    {
      title: 'a pharmacist on a site where pharmacists may not open a record by code',
      inputs: authenticated(identity('pharmacist')),
      policy: noPharmacistByCode,
      loads: 0,
      status: 'not_loaded',
    },
    {
      title: 'HZ-06 a pharmacist on a kiosk not provisioned (card rejected)',
      inputs: authenticated(identity('pharmacist')),
      policy: UNPROVISIONED,
      loads: 0,
      status: 'not_loaded',
    },
  ];
  for (const row of rows) {
    it(`${row.title} → ${row.loads} load(s), reference ${row.status}`, () => {
      const r = run(row.inputs, initialState(row.policy ?? POLICY));
      expect(loads(r.effects)).toHaveLength(row.loads);
      expect(r.state.drugs.status).toBe(row.status);
    });
  }

  it('the load is asked for in the same step that authenticates the pharmacist', () => {
    const r = run(authenticated(identity('pharmacist')));
    expect(loads(r.last)).toEqual([{ type: 'load_drug_reference' }]);
    expect(r.state.card.status).toBe('authenticated');
  });

  it('kept once loaded: the idle wipe and the card leaving do not drop it', () => {
    const r = run([...openByCode('pharmacist'), loaded]);
    const deadline = r.state.idleDeadline ?? Number.NaN;
    const wiped = run([{ type: 'clock' }, cardOut], r.state, deadline);
    expect(wiped.state.key.status).toBe('locked');
    expect(wiped.state.card.status).toBe('absent');
    expect(wiped.state.drugs.status).toBe('ready');
    expect(loads(wiped.effects)).toHaveLength(0);
  });
});

describe('drug reference: what the cross-check screen says', () => {
  it("'loading' from the pharmacist's authentication, then 'ready' once loaded", () => {
    const open = run([...openByCode('pharmacist'), cmd({ type: 'crosscheck.open' })]);
    expect(crossView(open.state)?.reference).toBe('loading');
    const ready = run([loaded], open.state);
    expect(crossView(ready.state)?.reference).toBe('ready');
  });

  it("HZ-11 'unavailable' after a failed load; the rest of the session carries on", () => {
    const r = run([...openByCode('pharmacist'), failed, cmd({ type: 'crosscheck.open' })]);
    expect(crossView(r.state)).toMatchObject({ reference: 'unavailable', visible: true });
    expect(r.state.key.status).toBe('open');
  });

  it('HZ-08 a box scanned while the reference loads is checked as soon as it is ready', () => {
    const scanned = run([
      ...openByCode('pharmacist'),
      cmd({ type: 'crosscheck.open' }),
      cmd({ type: 'crosscheck.scan', text: DOLIPRANE }),
    ]);
    expect(crossView(scanned.state)).toMatchObject({ reference: 'loading', boxCount: 1 });
    expect(crossView(scanned.state)?.result).toBeUndefined();
    const ready = run([loaded], scanned.state);
    expect(crossView(ready.state)?.result?.boxes).toHaveLength(1);
    expect(crossView(ready.state)?.result?.boxes[0]?.product?.name).toMatch(/DOLIPRANE 1000 mg/);
  });
});
