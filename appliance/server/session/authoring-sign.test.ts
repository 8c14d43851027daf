import { describe, expect } from 'vitest';
import {
  ALLERGY,
  CHANGE,
  last,
  previewOk,
  sealed,
  written,
  writeFailed,
  signing,
  blankStick,
} from './authoring.testing.ts';
import { cardOut, cmd, identity, run, type Input } from './fixtures.testing.ts';
import { itTransitions, types, viewOf } from './transitions.testing.ts';

describe('authoring: signing and writing', () => {
  itTransitions([
    {
      title:
        'HZ-23 written: version shown, the record re-read from the key, audited (who, record HMAC, version; no content)',
      inputs: [...signing, sealed, written()],
      check: (r) => {
        expect(viewOf(r.state).authoring).toEqual({
          status: 'written',
          version: 2,
          newKey: false,
          codeCardPrinted: false,
        });
        expect(r.state.key.status === 'open' && r.state.key.record.recordId).toBe('rid-2');
        const audit = r.effects.filter((e) => e.type === 'audit').map((e) => e.event);
        expect(audit).toContainEqual({
          event: 'record_written',
          who: { nationalId: identity('doctor').nationalId, profession: 'doctor' },
          recordId: 'rid-2',
          version: 2,
          kind: 'update',
        });
        expect(JSON.stringify(audit)).not.toContain('Latex');
        expect(r.state.authoring?.edits).toEqual([]);
      },
    },
    {
      title: 'a wrong PIN: pin_wrong with the retries, the draft kept; sign again',
      inputs: [
        ...signing,
        writeFailed({ reason: 'pin_wrong', retriesLeft: 2 }),
        cmd({ type: 'authoring.sign', pin: '654321' }),
      ],
      check: (r) => {
        expect(r.refused).toBe(0);
        expect(types(r.effects).filter((t) => t === 'author_write')).toHaveLength(2);
      },
    },
    {
      title:
        'cancel on the wrong-PIN keypad: back to the review with the draft, no PIN kept, no write; signing again asks the PIN',
      inputs: [
        ...signing,
        writeFailed({ reason: 'pin_wrong', retriesLeft: 2 }),
        cmd({ type: 'authoring.back' }),
      ],
      check: (r) => {
        expect(r.refused).toBe(0);
        expect(viewOf(r.state).authoring).toEqual({ status: 'reviewing', changes: [CHANGE] });
        expect(r.state.authoring?.edits).toEqual([ALLERGY]);
        expect(JSON.stringify(r.state)).not.toContain('123456');
        expect(types(r.effects).filter((t) => t === 'author_write')).toHaveLength(1);
      },
    },
    {
      title: 'a blocked card: failed blocked, audited',
      inputs: [...signing, writeFailed({ reason: 'blocked' })],
      check: (r) => {
        expect(viewOf(r.state).authoring).toEqual({ status: 'failed', reason: 'blocked' });
        expect(r.effects.some((e) => e.type === 'audit' && e.event.event === 'record_write_failed')).toBe(
          true,
        );
      },
    },
    {
      title: 'a new key: written with its code on screen; the code goes with the card',
      inputs: [
        ...blankStick(),
        cmd({ type: 'authoring.new' }),
        cmd({ type: 'authoring.identity', family: 'Durand', given: 'Léa', birthDate: '1990-04-02' }),
        previewOk([{ kind: 'added', section: 'identity', after: { label: 'Léa Durand' } }]),
        cmd({ type: 'authoring.review' }),
        cmd({ type: 'authoring.sign', pin: '123456' }),
        written('ABCD-EFGH-JKMN-PQR0'),
      ],
      check: (r) => {
        expect(viewOf(r.state).authoring).toMatchObject({
          status: 'written',
          newKey: true,
          version: 1,
          patientCode: 'ABCD-EFGH-JKMN-PQR0',
        });
        expect(r.state.key.status).toBe('open');
        const after = run([cardOut], r.state);
        expect(after.state.authoring).toBeUndefined();
        expect(JSON.stringify(viewOf(after.state))).not.toContain('ABCD-EFGH');
      },
    },
  ]);
});

describe('authoring: the code card and the change receipt', () => {
  const newKeyWritten: Input[] = [
    ...blankStick(),
    cmd({ type: 'authoring.new' }),
    cmd({ type: 'authoring.identity', family: 'Durand', given: 'Léa', birthDate: '1990-04-02' }),
    previewOk([{ kind: 'added', section: 'identity', after: { label: 'Léa Durand' } }, CHANGE]),
    cmd({ type: 'authoring.review' }),
    cmd({ type: 'authoring.sign', pin: '123456' }),
    written('ABCD-EFGH-JKMN-PQR0'),
  ];
  itTransitions([
    {
      title: 'the code card prints the new code; codeCardPrinted once the printer is done',
      inputs: [
        ...newKeyWritten,
        cmd({ type: 'authoring.print_code_card' }),
        (_s, effects) => ({
          type: 'print.update',
          jobId: last(effects, 'print').jobId,
          view: { status: 'done' },
        }),
      ],
      check: (r) => {
        expect(last(r.effects, 'print').authoring).toMatchObject({
          kind: 'code_card',
          code: 'ABCD-EFGH-JKMN-PQR0',
        });
        expect(viewOf(r.state).authoring).toMatchObject({ status: 'written', codeCardPrinted: true });
      },
    },
    {
      title: 'HZ-24 the change receipt carries the reviewed lines, the author and the version',
      inputs: [...signing, written(), cmd({ type: 'authoring.print_receipt' })],
      check: (r) => {
        expect(last(r.effects, 'print').authoring).toMatchObject({
          kind: 'change_receipt',
          changes: [CHANGE],
          version: 2,
          newRecord: false,
          author: { profession: 'doctor' },
        });
        expect(r.state.print).toMatchObject({ status: 'active', document: 'change_receipt' });
      },
    },
    {
      title: 'no code card for an update, no print before the write',
      inputs: [
        ...signing,
        cmd({ type: 'authoring.print_receipt' }),
        written(),
        cmd({ type: 'authoring.print_code_card' }),
      ],
      check: (r) => expect(r.refused).toBe(2),
    },
  ]);
});
