import { describe, expect } from 'vitest';
import type { SessionEvent } from './events.ts';
import { authenticated, cmd, identity, keyOut, type Input } from './fixtures.test-util.ts';
import { itTransitions, openedByCode, types, viewOf, type Row } from './transitions.test-util.ts';

/** The printer's progress for the job the machine started last. */
const update =
  (view: Extract<SessionEvent, { type: 'print.update' }>['view']): Input =>
  (s) => ({ type: 'print.update', jobId: (s.print as { jobId: number }).jobId, view });
const printing: Input[] = [...openedByCode, cmd({ type: 'print.start' })];

const rows: Row[] = [
  {
    title: 'print.start → print effect with summary and printedBy, printing view',
    inputs: printing,
    check: (r) => {
      expect(r.last[0]).toMatchObject({
        type: 'print',
        printedBy: { name: identity('pharmacist').name, profession: 'pharmacist' },
        language: 'fr',
      });
      expect(viewOf(r.state).print).toEqual({ status: 'printing', sentBytes: 0, totalBytes: 0 });
    },
  },
  {
    title: 'print without an open key is refused',
    inputs: [...authenticated(identity('nurse')), cmd({ type: 'print.start' })],
    check: (r) => expect(r.refused).toBe(1),
  },
  {
    title: 'HZ-07 print done → audit print done once',
    inputs: [...printing, update({ status: 'done' }), update({ status: 'done' })],
    check: (r) =>
      expect(r.effects.filter((e) => e.type === 'audit' && e.event.event === 'print')).toHaveLength(1),
  },
  {
    title: 'HZ-07 second print.start while printing is refused (no double job)',
    inputs: [...printing, cmd({ type: 'print.start' })],
    check: (r) => {
      expect(r.refused).toBe(1);
      expect(r.effects.filter((e) => e.type === 'print')).toHaveLength(1);
    },
  },
  {
    title: 'HZ-07 print failed → retry starts a new job',
    inputs: [...printing, update({ status: 'failed', printer: 'paper_out' }), cmd({ type: 'print.retry' })],
    check: (r) => expect(r.effects.filter((e) => e.type === 'print')).toHaveLength(2),
  },
  {
    title: 'HZ-07 progress for an old job is ignored',
    inputs: [...printing, { type: 'print.update', jobId: 999, view: { status: 'done' } }],
    check: (r) => expect(viewOf(r.state).print.status).toBe('printing'),
  },
  {
    title: 'HZ-01 key removed while printing → job aborted, print idle',
    inputs: [...printing, keyOut],
    key: 'absent',
    check: (r) => {
      expect(types(r.last)).toContain('abort_print');
      expect(viewOf(r.state).print).toEqual({ status: 'idle' });
    },
  },
  {
    title: 'printer status reaches the device bar',
    inputs: [{ type: 'printer.status', status: { status: 'paper_out' } }],
    check: (r) => expect(viewOf(r.state).devices.printer).toBe('paper_out'),
  },
  {
    title: 'print dismiss after done → idle',
    inputs: [...printing, update({ status: 'done' }), cmd({ type: 'print.dismiss' })],
    check: (r) => expect(viewOf(r.state).print).toEqual({ status: 'idle' }),
  },
];

describe('session machine transitions: printing', () => {
  itTransitions(rows);
});
