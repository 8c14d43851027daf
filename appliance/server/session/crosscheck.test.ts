import { beforeAll, describe, expect, it } from 'vitest';
import { loadDrugKnowledge } from '../../crosscheck/bdpm/load.ts';
import type { DrugKnowledge } from '../../crosscheck/knowledge.ts';
import type { Profession } from '../../common/professions.ts';
import type { Summary } from '../../record/summary/types.ts';
import type { SessionEvent } from './events.ts';
import {
  authenticated,
  cardIn,
  cardOut,
  cmd,
  identity,
  keyOut,
  lockedKey,
  loginAs,
  openOk,
  POLICY,
  RECORD,
  run as runAt,
  SUMMARY,
  type Input,
} from './fixtures.testing.ts';
import { initialState, type SessionState } from './state.ts';
import { toView } from './view.ts';

// Real boxes from the shipped BDPM release (CIS_CIP_bdpm.txt).
const AMOXICILLINE = '3400933857042'; // AMOXICILLINE BIOGARAN 500 mg, gélule
const DOLIPRANE = '3400935955838'; // DOLIPRANE 1000 mg, comprimé
const GS = '\u001d';
const scanOf = (cip13: string, yymmdd = '281231', lot = 'LOT42') =>
  `010${cip13}17${yymmdd}10${lot}${GS}21SN0001`;

const PENICILLIN_ALLERGY: Summary = {
  ...SUMMARY,
  allergies: {
    status: 'entries',
    items: [
      {
        id: 'a1',
        substance: { text: 'Pénicilline', codings: [] },
        categories: ['medication'],
        criticality: 'high',
        reactions: [{ manifestations: ['anaphylaxie'] }],
      },
    ],
  },
};
const record = { ...RECORD, summary: PENICILLIN_ALLERGY };

const NOW = Date.parse('2026-11-28T12:00:00Z');
const run = (inputs: readonly Input[], start: SessionState = initialState(POLICY), now = NOW) =>
  runAt(inputs, start, now);

let knowledge: DrugKnowledge;
beforeAll(async () => {
  const loaded = await loadDrugKnowledge();
  if (!loaded.ok) throw new Error(`drug reference: ${loaded.error.kind}`);
  knowledge = loaded.value.knowledge;
});

const drugsReady: Input = () => ({ type: 'drugs.loaded', knowledge });
const openedBy = (profession: Profession): Input[] => [
  drugsReady,
  ...authenticated(identity(profession)),
  ...lockedKey(),
  cmd({ type: 'code.submit', code: 'C' }),
  openOk('full', record),
];
const pharmacistOpen = openedBy('pharmacist');
const viewOf = (s: SessionState) => toView(s, { revision: 1, bootId: 'b', mode: 'simulated', siteName: 'S' });
const crossView = (s: SessionState) => {
  const key = viewOf(s).key;
  return key.status === 'open' ? key.crosscheck : undefined;
};
const boxesOf = (s: SessionState) => crossView(s)?.result?.boxes ?? [];

describe('cross-check session: who may use it', () => {
  const refusedFor: { title: string; inputs: Input[] }[] = [
    ...(['doctor', 'nurse', 'midwife'] as const).map((p) => ({
      title: `a ${p} with the key open by code`,
      inputs: openedBy(p),
    })),
    { title: 'a pharmacist with no key', inputs: [drugsReady, ...authenticated(identity('pharmacist'))] },
    {
      title: 'a pharmacist with the key open at the emergency tier',
      inputs: [
        drugsReady,
        ...authenticated(identity('pharmacist')),
        ...lockedKey(),
        cmd({ type: 'code.submit', code: 'C' }),
        openOk('emergency', record),
      ],
    },
  ];
  for (const row of refusedFor) {
    it(`HZ-06 refused for ${row.title}, and no cross-check in the view`, () => {
      const r = run([...row.inputs, cmd({ type: 'crosscheck.open' })]);
      expect(r.refused).toBe(1);
      expect(crossView(r.state)).toBeUndefined();
    });
  }

  it('HZ-06 refused for a pharmacist whose key was opened by break-glass (never break-glass)', () => {
    const policy = {
      ...POLICY,
      breakGlassProfessions: [...POLICY.breakGlassProfessions, 'pharmacist' as const],
    };
    const r = run(
      [
        drugsReady,
        ...authenticated(identity('pharmacist')),
        ...lockedKey(),
        cmd({ type: 'break_glass.open' }),
        cmd({ type: 'break_glass.confirm', reason: 'Patient inconscient' }),
        openOk('emergency', record),
        cmd({ type: 'crosscheck.open' }),
      ],
      initialState(policy),
    );
    expect(r.state.key).toMatchObject({ status: 'open', breakGlass: true });
    expect(r.refused).toBe(1);
    expect(crossView(r.state)).toBeUndefined();
  });

  it('a pharmacist with the key open by code sees the cross-check, every command works', () => {
    const r = run([...pharmacistOpen, cmd({ type: 'crosscheck.open' })]);
    expect(r.refused).toBe(0);
    expect(crossView(r.state)).toEqual({ reference: 'ready', visible: true, boxCount: 0 });
  });
});

describe('cross-check session: the basket', () => {
  const open = [...pharmacistOpen, cmd({ type: 'crosscheck.open' })];

  it('HZ-08 scanning an amoxicilline box for a penicillin-allergic patient → red with the reason', () => {
    const r = run([...open, cmd({ type: 'crosscheck.scan', text: scanOf(AMOXICILLINE) })]);
    const [box] = boxesOf(r.state);
    expect(box).toMatchObject({ status: 'red', lot: 'LOT42', expiry: '2028-12-31', expired: false });
    expect(box?.product?.name).toMatch(/AMOXICILLINE BIOGARAN 500 mg/);
    expect(box?.findings.map((f) => f.kind)).toContain('allergy');
    expect(box?.findings.find((f) => f.kind === 'allergy')?.reason).toMatch(/Pénicilline/);
    expect(crossView(r.state)?.lastScan).toEqual({ status: 'added' });
  });

  it('HZ-09 a paracetamol box for the same patient → green, no finding', () => {
    const r = run([...open, cmd({ type: 'crosscheck.scan', text: scanOf(DOLIPRANE) })]);
    const [box] = boxesOf(r.state);
    expect(box).toMatchObject({ status: 'green', findings: [] });
  });

  it('an expired box is flagged red (expired) even without another finding', () => {
    const r = run([...open, cmd({ type: 'crosscheck.scan', text: scanOf(DOLIPRANE, '200131') })]);
    const [box] = boxesOf(r.state);
    expect(box).toMatchObject({ status: 'red', expired: true });
    expect(box?.findings.map((f) => f.kind)).toEqual(['expired']);
  });

  it('an unreadable scan is reported, nothing added', () => {
    const r = run([...open, cmd({ type: 'crosscheck.scan', text: '0134009338570' })]);
    expect(crossView(r.state)).toMatchObject({ boxCount: 0, lastScan: { status: 'rejected' } });
  });

  it('search lists up to 10 matches; add_product adds the product by CIS; unknown CIS refused', () => {
    const r = run([...open, cmd({ type: 'crosscheck.search', query: 'amoxicilline' })]);
    const matches = crossView(r.state)?.search?.matches ?? [];
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.length).toBeLessThanOrEqual(10);
    const first = matches[0];
    if (!first) throw new Error('no match');
    const added = run([cmd({ type: 'crosscheck.add_product', cis: first.cis })], r.state);
    expect(boxesOf(added.state)).toHaveLength(1);
    expect(boxesOf(added.state)[0]?.status).toBe('red');
    expect(crossView(added.state)?.search).toBeUndefined();
    expect(run([cmd({ type: 'crosscheck.add_product', cis: '00000000' })], r.state).refused).toBe(1);
  });

  it('remove drops one box, clear drops all; removing an unknown box is refused', () => {
    const r = run([
      ...open,
      cmd({ type: 'crosscheck.scan', text: scanOf(AMOXICILLINE) }),
      cmd({ type: 'crosscheck.scan', text: scanOf(DOLIPRANE) }),
    ]);
    const ids = boxesOf(r.state).map((b) => b.id);
    expect(ids).toEqual(['b1', 'b2']);
    const removed = run([cmd({ type: 'crosscheck.remove', boxId: 'b1' })], r.state);
    expect(boxesOf(removed.state).map((b) => b.id)).toEqual(['b2']);
    expect(run([cmd({ type: 'crosscheck.remove', boxId: 'b9' })], r.state).refused).toBe(1);
    const cleared = run([cmd({ type: 'crosscheck.clear' })], r.state);
    expect(crossView(cleared.state)).toMatchObject({ boxCount: 0 });
    expect(crossView(cleared.state)?.result).toBeUndefined();
  });

  it('HZ-08 a second box of the same substance → duplicate finding', () => {
    const r = run([
      ...open,
      cmd({ type: 'crosscheck.scan', text: scanOf(DOLIPRANE) }),
      cmd({ type: 'crosscheck.scan', text: scanOf(DOLIPRANE, '281231', 'LOT43') }),
    ]);
    expect(boxesOf(r.state)[1]?.findings.map((f) => f.kind)).toContain('duplicate');
  });

  it('the view follows the language: reasons recomputed in English', () => {
    const r = run([
      ...open,
      cmd({ type: 'crosscheck.scan', text: scanOf(AMOXICILLINE) }),
      cmd({ type: 'language.set', language: 'en' }),
    ]);
    expect(crossView(r.state)?.result?.language).toBe('en');
  });

  it('print: a print effect carrying the cross-check result; print state shared with the summary', () => {
    const r = run([
      ...open,
      cmd({ type: 'crosscheck.scan', text: scanOf(AMOXICILLINE) }),
      cmd({ type: 'crosscheck.print' }),
    ]);
    const effect = r.last.find((e) => e.type === 'print');
    expect(effect).toMatchObject({
      type: 'print',
      printedBy: { name: 'Test pharmacist 1', profession: 'pharmacist' },
    });
    expect(effect?.type === 'print' && effect.crosscheck?.boxes[0]?.status).toBe('red');
    expect(r.state.print).toMatchObject({ status: 'active', document: 'crosscheck' });
    expect(viewOf(r.state).print).toEqual({ status: 'printing', sentBytes: 0, totalBytes: 0 });
    const failed: SessionEvent = {
      type: 'print.update',
      jobId: 0,
      view: { status: 'failed', printer: 'paper_out' },
    };
    const jobId = r.state.print.status === 'active' ? r.state.print.jobId : -1;
    const retried = run([{ ...failed, jobId }, cmd({ type: 'print.retry' })], r.state);
    expect(retried.last.find((e) => e.type === 'print')).toMatchObject({
      crosscheck: { boxes: [{ status: 'red' }] },
    });
  });

  it('print with an empty basket is refused', () => {
    expect(run([...open, cmd({ type: 'crosscheck.print' })]).refused).toBe(1);
  });

  it('close hides the screen and keeps the basket; open shows it again', () => {
    const r = run([
      ...open,
      cmd({ type: 'crosscheck.scan', text: scanOf(DOLIPRANE) }),
      cmd({ type: 'crosscheck.close' }),
    ]);
    expect(crossView(r.state)).toMatchObject({ visible: false, boxCount: 1 });
    expect(crossView(run([cmd({ type: 'crosscheck.open' })], r.state).state)).toMatchObject({
      visible: true,
      boxCount: 1,
    });
  });
});

describe('cross-check session: wipes and the drug reference', () => {
  const filled = [
    ...pharmacistOpen,
    cmd({ type: 'crosscheck.open' }),
    cmd({ type: 'crosscheck.scan', text: scanOf(AMOXICILLINE) }),
  ];
  const wipes: { title: string; inputs: Input[] }[] = [
    { title: 'the key is pulled', inputs: [keyOut] },
    { title: 'the card is pulled', inputs: [cardOut] },
    { title: 'the record is closed', inputs: [cmd({ type: 'record.close' })] },
    { title: 'the idle deadline passes', inputs: [] },
    {
      title: 'the card is swapped for another pharmacist and the same key re-opened',
      inputs: [
        cardOut,
        cardIn('card-2'),
        cmd({ type: 'pin.submit', pin: '1234' }),
        loginAs(identity('pharmacist', 2)),
        cmd({ type: 'code.submit', code: 'C' }),
        openOk('full', record),
      ],
    },
  ];
  for (const row of wipes) {
    it(`HZ-01 the basket is wiped when ${row.title}`, () => {
      const before = run(filled);
      expect(crossView(before.state)?.boxCount).toBe(1);
      const now = row.inputs.length === 0 ? NOW + POLICY.idleMs + 1 : NOW;
      const r = run(row.inputs.length === 0 ? [{ type: 'clock' }] : row.inputs, before.state, now);
      expect(JSON.stringify(r.state.key)).not.toContain('crosscheck');
      expect(crossView(r.state)?.boxCount ?? 0).toBe(0);
    });
  }

  it('HZ-11 the drug reference could not be loaded: the screen says so, scans are kept unchecked', () => {
    const r = run([
      { type: 'drugs.loaded', knowledge: undefined },
      ...pharmacistOpen.slice(1),
      cmd({ type: 'crosscheck.open' }),
      cmd({ type: 'crosscheck.scan', text: scanOf(AMOXICILLINE) }),
    ]);
    expect(crossView(r.state)).toMatchObject({ reference: 'unavailable', boxCount: 1 });
    expect(crossView(r.state)?.result).toBeUndefined();
    expect(run([cmd({ type: 'crosscheck.print' })], r.state).refused).toBe(1);
    expect(run([cmd({ type: 'crosscheck.search', query: 'doliprane' })], r.state).refused).toBe(1);
  });

  it('before the reference has loaded the screen says it is loading', () => {
    const r = run([...pharmacistOpen.slice(1), cmd({ type: 'crosscheck.open' })]);
    expect(crossView(r.state)?.reference).toBe('loading');
  });
});
