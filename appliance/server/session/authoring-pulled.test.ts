import { describe, expect, it } from 'vitest';
import { sealed, written, writeFailed, editing, reviewing, signing } from './authoring.testing.ts';
import { cardOut, cmd, keyOut, run } from './fixtures.testing.ts';
import { itTransitions, types, viewOf } from './transitions.testing.ts';

describe('authoring: card or key pulled, idle wipe (HZ-22)', () => {
  itTransitions([
    {
      title: 'card pulled mid-draft: failed card_removed, the draft gone, the worker forgets',
      inputs: [...reviewing, cardOut],
      check: (r) => {
        expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'card_removed' });
        expect(r.state.authoring?.edits).toEqual([]);
        expect(types(r.last)).toContain('author_forget');
      },
    },
    {
      title: 'key pulled mid-draft: failed key_removed, the draft gone',
      inputs: [...editing(), keyOut],
      check: (r) => {
        expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'key_removed' });
        expect(r.state.authoring?.edits).toEqual([]);
      },
    },
    {
      title:
        'card pulled mid-sign: the outcome decides; the signature failed → card_removed, nothing written',
      inputs: [...signing, cardOut, writeFailed({ reason: 'sign_failed' })],
      check: (r) => expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'card_removed' }),
    },
    {
      title: 'card pulled while writing: the write ends and is audited; nothing stays on screen',
      inputs: [...signing, sealed, cardOut, written()],
      check: (r) => {
        expect(r.effects.some((e) => e.type === 'audit' && e.event.event === 'record_written')).toBe(true);
        // The card has gone: so do the outcome screen and the record (relocked with the card).
        expect(r.state.authoring).toBeUndefined();
        expect(r.state.key.status).toBe('locked');
      },
    },
    {
      title: 'key pulled mid-write: key_removed',
      inputs: [...signing, sealed, keyOut, writeFailed({ reason: 'key_removed' })],
      check: (r) => expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'key_removed' }),
    },
    {
      title: 'record closed mid-draft: the draft goes with it',
      inputs: [...editing(), cmd({ type: 'record.close' })],
      check: (r) => expect(r.state.authoring).toBeUndefined(),
    },
    {
      title: 'a write result for an abandoned draft is ignored',
      inputs: [
        ...reviewing,
        cmd({ type: 'authoring.cancel' }),
        () => ({
          type: 'authoring.write_result',
          requestId: 999,
          result: { ok: true, value: { version: 9, recordId: 'x' } },
        }),
      ],
      check: (r) => expect(r.state.authoring).toBeUndefined(),
    },
  ]);

  it('the idle wipe drops the draft (never written) and the open record', () => {
    const r = run(editing());
    const deadline = r.state.idleDeadline ?? 0;
    const wiped = run([{ type: 'clock' }], r.state, deadline + 1);
    expect(wiped.state.authoring).toBeUndefined();
    expect(wiped.state.key.status).toBe('locked');
    expect(types(wiped.effects)).toContain('author_forget');
    expect(types(wiped.effects)).not.toContain('author_write');
  });
});
