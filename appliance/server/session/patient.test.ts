/** The patient's own view (issue 19): no card in the reader, the patient types their code. */
import { describe, expect } from 'vitest';
import {
  authenticated,
  cardIn,
  cmd,
  identity,
  keyIn,
  keyOut,
  lockedKey,
  openFail,
  openOk,
  RECORD,
  run,
  type Input,
} from './fixtures.testing.ts';
import { itTransitions, noClinicalText, types, viewOf, type Row } from './transitions.testing.ts';

const patientTypes = (code = 'C'): Input[] => [...lockedKey(), cmd({ type: 'code.submit', code })];
const patientOpen: Input[] = [...patientTypes(), openOk('full')];
/** The key read, its record known by its pseudonym (the attempt limit is per record). */
const recordKnown: Input[] = [
  keyIn('key-1'),
  (st) => ({
    type: 'key.read_result',
    keyId: 'key-1',
    requestId: st.key.status === 'reading' ? st.key.requestId : -1,
    result: { ok: true, value: null },
    recordId: 'rec-A',
  }),
];
const wrongCodes = (n: number): Input[] =>
  Array.from({ length: n }, () => [cmd({ type: 'code.submit', code: 'W' }), openFail('wrong_code')]).flat();

/** The answer to the patient's code, arriving after something else happened. */
const lateOpenResult: Input = (_s, effects) => {
  const asked = [...effects].reverse().find((e) => e.type === 'open_with_code') as {
    keyId: string;
    requestId: number;
  };
  return {
    type: 'key.open_result',
    keyId: asked.keyId,
    requestId: asked.requestId,
    result: {
      ok: true,
      value: {
        tier: 'full',
        record: { recordId: 'r', summary: {} as never, verification: { status: 'unsigned' } },
      },
    },
  };
};

const LOG = {
  status: 'ready',
  unreadable: 0,
  entries: [
    {
      when: '2026-11-29T00:00:00Z',
      site: 'S',
      name: 'N',
      profession: 'nurse',
      tier: 'emergency',
      breakGlassReason: 'R',
    },
  ],
} as const;

/** The record as the worker returns it for the patient: with their log (OpenRecord.accessLog). */
const WITH_LOG = { ...RECORD, accessLog: LOG } as typeof RECORD;

const rows: Row[] = [
  {
    title: 'HZ-15 no card: the patient’s code is tried on their key (full tier asked, never emergency)',
    inputs: patientTypes('MY-CODE'),
    card: 'absent',
    key: 'unlocking',
    check: (r) => {
      expect(r.last).toContainEqual(expect.objectContaining({ type: 'open_with_code', code: 'MY-CODE' }));
      expect(r.state.key).toMatchObject({ via: 'code', patient: true });
    },
  },
  {
    title:
      'HZ-12 opened by the patient: their view, audited without a name or content, nothing written to the key',
    inputs: patientOpen,
    key: 'open',
    check: (r) => {
      expect(viewOf(r.state).key).toMatchObject({
        status: 'open',
        tier: 'full',
        patient: true,
        breakGlass: false,
      });
      const audit = r.last.filter((e) => e.type === 'audit');
      expect(audit).toEqual([
        {
          type: 'audit',
          event: { event: 'key_opened', patient: true, recordId: 'rec-1', tier: 'full', breakGlass: false },
        },
      ]);
      expect(types(r.last)).not.toContain('append_access_log');
    },
  },
  {
    title:
      'HZ-15 a wrong code typed by the patient is audited (no actor) and counts towards the record’s limit',
    inputs: [...recordKnown, ...wrongCodes(5), cmd({ type: 'code.submit', code: 'X' })],
    key: 'locked',
    check: (r) => {
      expect(r.refused).toBe(1);
      expect(r.effects.filter((e) => e.type === 'audit' && e.event.event === 'wrong_code')).toEqual(
        Array.from({ length: 5 }, () =>
          expect.objectContaining({ event: expect.objectContaining({ patient: true }) }),
        ),
      );
      expect(JSON.stringify(r.effects)).not.toContain('nationalId');
    },
  },
  {
    title: 'HZ-20 the patient’s code also asks for their access log; a professional’s code does not',
    inputs: patientTypes(),
    check: (r) => {
      expect(r.last).toContainEqual(expect.objectContaining({ type: 'open_with_code', withAccessLog: true }));
      const pro = run([...authenticated(identity('pharmacist')), ...patientTypes()]);
      expect(pro.last).toContainEqual(expect.objectContaining({ type: 'open_with_code' }));
      expect(JSON.stringify(pro.last)).not.toContain('withAccessLog');
    },
  },
  {
    title: 'HZ-20 the patient’s view carries their log; a professional’s view never does',
    inputs: [...patientTypes(), openOk('full', WITH_LOG)],
    check: (r) => {
      expect(viewOf(r.state).key).toMatchObject({ status: 'open', patient: true, patientLog: LOG });
      const pro = run([
        ...authenticated(identity('pharmacist')),
        ...patientTypes(),
        openOk('full', WITH_LOG),
      ]);
      expect(viewOf(pro.state).key).toMatchObject({ status: 'open' });
      expect(viewOf(pro.state).key).not.toHaveProperty('patientLog');
    },
  },
  {
    title:
      'HZ-20 the patient prints their record and their log, no professional named; audited without an actor',
    inputs: [...patientTypes(), openOk('full', WITH_LOG), cmd({ type: 'print.start' })],
    check: (r) => {
      const print = r.last.find((e) => e.type === 'print');
      expect(print).toMatchObject({ type: 'print', accessLog: LOG });
      expect(print).not.toHaveProperty('printedBy');
    },
  },
  {
    title: 'HZ-06 the patient gets no emergency access',
    inputs: [...lockedKey(), cmd({ type: 'break_glass.open' })],
    key: 'locked',
    check: (r) => expect(r.state.breakGlass).toEqual({ status: 'not_allowed', why: 'not_authenticated' }),
  },
  {
    title:
      'HZ-01 a card inserted while the patient’s code is being tried: the result is dropped, the key relocks',
    inputs: [...patientTypes(), cardIn('card-9'), lateOpenResult],
    key: 'locked',
    card: 'pin_entry',
    check: (r) => noClinicalText(r.state),
  },
  {
    title: 'HZ-01 a card inserted while the patient reads: their record is wiped at once',
    inputs: [...patientOpen, cardIn('card-9')],
    key: 'locked',
    check: (r) => noClinicalText(r.state),
  },
  {
    title: 'HZ-01 the patient pulls their key: wiped',
    inputs: [...patientOpen, keyOut],
    key: 'absent',
    check: (r) => noClinicalText(r.state),
  },
];

describe('the patient’s own view (session machine)', () => {
  itTransitions(rows);
});
