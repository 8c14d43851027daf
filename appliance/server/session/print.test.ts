import { describe, expect } from 'vitest';
import type { SessionEvent } from './events.ts';
import { authenticated, cmd, identity, keyOut, type Input } from './fixtures.testing.ts';
import { itTransitions, openedByCode, types, viewOf, type Row } from './transitions.testing.ts';

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

/** Every way a job can fail, as the print port reports it: each must end with retry and cancel. */
const failures: Extract<SessionEvent, { type: 'print.update' }>['view'][] = [
  { status: 'failed', printer: 'paper_out' },
  { status: 'failed', printer: 'cover_open' },
  { status: 'failed', printer: 'offline' },
  { status: 'failed', printer: 'error' },
  { status: 'failed', printer: 'no_answer' },
  { status: 'failed', printer: 'not_configured' },
  // The receipt could not be built (an exception in the receipt code) while the printer is fine.
  { status: 'failed', printer: 'ready', cause: 'kiosk_error' },
];
const label = (v: (typeof failures)[number]): string =>
  v.status === 'failed' ? `${v.printer}${v.cause ? ` (${v.cause})` : ''}` : v.status;

const failureRows: Row[] = failures.flatMap((failed): Row[] => [
  {
    title: `HZ-07 failed ${label(failed)} after progress → failed on screen, audited failed once`,
    inputs: [
      ...printing,
      update({ status: 'printing', sentBytes: 10, totalBytes: 100 }),
      update(failed),
      update(failed),
    ],
    check: (r) => {
      expect(viewOf(r.state).print).toEqual(failed);
      const audits = r.effects.filter((e) => e.type === 'audit' && e.event.event === 'print');
      expect(audits).toMatchObject([{ event: { outcome: 'failed' } }]);
    },
  },
  {
    title: `HZ-07 failed ${label(failed)} → retry starts a new job from "printing"`,
    inputs: [...printing, update(failed), cmd({ type: 'print.retry' })],
    check: (r) => {
      expect(r.refused).toBe(0);
      expect(types(r.last)).toContain('print');
      expect(viewOf(r.state).print).toEqual({ status: 'printing', sentBytes: 0, totalBytes: 0 });
    },
  },
  {
    title: `HZ-07 failed ${label(failed)} → cancel returns to no print, nothing left to abort`,
    inputs: [...printing, update(failed), cmd({ type: 'print.dismiss' })],
    check: (r) => {
      expect(r.refused).toBe(0);
      expect(types(r.last)).not.toContain('abort_print');
      expect(viewOf(r.state).print).toEqual({ status: 'idle' });
    },
  },
]);

const heldRows: Row[] = [
  {
    title: 'HZ-07 waiting for the printer → cancel aborts the held job',
    inputs: [
      ...printing,
      update({ status: 'waiting', printer: 'paper_out' }),
      cmd({ type: 'print.dismiss' }),
    ],
    check: (r) => {
      expect(types(r.last)).toContain('abort_print');
      expect(viewOf(r.state).print).toEqual({ status: 'idle' });
    },
  },
  {
    title: 'cancel while bytes are being sent is refused (the printer may be printing)',
    inputs: [...printing, cmd({ type: 'print.dismiss' })],
    check: (r) => expect(r.refused).toBe(1),
  },
];

describe('session machine transitions: printing', () => {
  itTransitions(rows);
});

describe('session machine transitions: a failed print always offers retry and cancel', () => {
  itTransitions([...failureRows, ...heldRows]);
});
