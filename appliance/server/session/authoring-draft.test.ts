import { describe, expect, it } from 'vitest';
import type { Profession } from '../../common/professions.ts';
import {
  ALLERGY,
  CHANGE,
  last,
  previewOk,
  openedBy,
  editing,
  reviewing,
  blankStick,
} from './authoring.testing.ts';
import { authenticated, cmd, identity, lockedKey, openOk, POLICY, run } from './fixtures.testing.ts';
import { initialState } from './state.ts';
import { itTransitions, types, viewOf } from './transitions.testing.ts';

describe('authoring: who may start', () => {
  itTransitions([
    ...(['doctor', 'midwife'] as const).map((p) => ({
      title: `a ${p} with the key open by code may start: the worker previews the empty draft`,
      inputs: [...openedBy(p), cmd({ type: 'authoring.start' })],
      check: (r: ReturnType<typeof run>) => {
        expect(r.refused).toBe(0);
        expect(r.state.authoring?.phase.status).toBe('editing');
        expect(last(r.effects, 'author_preview')).toMatchObject({
          mode: 'update',
          edits: [],
          keyId: 'key-1',
        });
      },
    })),
    ...(['nurse', 'pharmacist'] as const).map((p) => ({
      title: `a ${p} may not author: refused, no offer in the view`,
      inputs: [...openedBy(p), cmd({ type: 'authoring.start' })],
      check: (r: ReturnType<typeof run>) => {
        expect(r.refused).toBe(1);
        expect(r.state.authoring).toBeUndefined();
        expect(viewOf(r.state).authoringOffer).toBeUndefined();
      },
    })),
    {
      title: 'break-glass (emergency tier) may not be edited',
      inputs: [
        ...authenticated(identity('doctor')),
        ...lockedKey(),
        cmd({ type: 'break_glass.open' }),
        cmd({ type: 'break_glass.confirm', reason: 'Patient inconscient' }),
        openOk('emergency'),
        cmd({ type: 'authoring.start' }),
      ],
      check: (r) => expect(r.refused).toBe(1),
    },
    {
      title: 'the patient alone (no card) may not author',
      inputs: [
        ...lockedKey(),
        cmd({ type: 'code.submit', code: 'C' }),
        openOk('full'),
        cmd({ type: 'authoring.start' }),
      ],
      check: (r) => expect(r.refused).toBe(1),
    },
    {
      title: 'a blank stick offers a new record to a doctor; identity, then editing',
      inputs: [
        ...blankStick(),
        cmd({ type: 'authoring.new' }),
        cmd({ type: 'authoring.identity', family: 'Durand', given: 'Léa', birthDate: '1990-04-02' }),
      ],
      check: (r) => {
        expect(r.refused).toBe(0);
        expect(last(r.effects, 'author_preview')).toMatchObject({
          mode: 'new',
          identity: { family: 'Durand' },
        });
        expect(viewOf(r.state).authoring).toMatchObject({ status: 'editing' });
      },
    },
    {
      title: 'a blank stick and a nurse: no new record',
      inputs: [...blankStick('nurse'), cmd({ type: 'authoring.new' })],
      check: (r) => expect(r.refused).toBe(1),
    },
    {
      title: 'a Baladeur key still locked: no new record over it',
      inputs: [...authenticated(identity('doctor')), ...lockedKey(), cmd({ type: 'authoring.new' })],
      check: (r) => expect(r.refused).toBe(1),
    },
  ]);
});

describe('authoring: the draft', () => {
  itTransitions([
    {
      title: 'edits are previewed by the worker; the view shows its items and change lines',
      inputs: editing(),
      check: (r) => {
        expect(viewOf(r.state).authoring).toMatchObject({ status: 'editing', changes: [CHANGE] });
        expect(viewOf(r.state).authoring).not.toHaveProperty('updating');
      },
    },
    {
      title: 'while the worker applies a change the view says updating',
      inputs: [...editing(), cmd({ type: 'authoring.edit', edit: { op: 'problem.add', text: 'Asthme' } })],
      check: (r) => expect(viewOf(r.state).authoring).toMatchObject({ status: 'editing', updating: true }),
    },
    {
      title: 'an edit that cannot apply leaves the draft, with its reason; the rest is previewed again',
      inputs: [
        ...editing(),
        cmd({ type: 'authoring.edit', edit: { op: 'allergy.remove', itemId: 'gone' } }),
        (_s, effects) => ({
          type: 'authoring.preview_result',
          requestId: last(effects, 'author_preview').requestId,
          result: { ok: false, error: { index: 1, code: 'item_not_found' } },
        }),
      ],
      check: (r) => {
        expect(r.state.authoring?.edits).toEqual([ALLERGY]);
        expect(last(r.effects, 'author_preview').edits).toEqual([ALLERGY]);
        expect(viewOf(r.state).authoring).toMatchObject({ lastEditError: 'item_not_found' });
      },
    },
    {
      title: 'undo removes the change at that index',
      inputs: [...editing(), cmd({ type: 'authoring.undo', index: 0 })],
      check: (r) => expect(last(r.effects, 'author_preview').edits).toEqual([]),
    },
    {
      title: 'review waits for the preview, and needs a change',
      inputs: [
        ...openedBy('doctor'),
        cmd({ type: 'authoring.start' }),
        cmd({ type: 'authoring.review' }),
        previewOk([]),
        cmd({ type: 'authoring.review' }),
      ],
      check: (r) => expect(r.refused).toBe(2),
    },
    {
      title: 'review → back → review → sign: the write carries the edits and the PIN for the card',
      inputs: [
        ...reviewing,
        cmd({ type: 'authoring.back' }),
        cmd({ type: 'authoring.review' }),
        cmd({ type: 'authoring.sign', pin: '123456' }),
      ],
      check: (r) => {
        expect(r.refused).toBe(0);
        expect(last(r.effects, 'author_write')).toMatchObject({
          cardId: 'card-1',
          keyId: 'key-1',
          pin: '123456',
          edits: [ALLERGY],
        });
        expect(viewOf(r.state).authoring).toEqual({ status: 'signing' });
      },
    },
    {
      title: 'cancel drops the draft; nothing is written',
      inputs: [...reviewing, cmd({ type: 'authoring.cancel' })],
      check: (r) => {
        expect(r.state.authoring).toBeUndefined();
        expect(types(r.effects)).not.toContain('author_write');
        expect(r.state.key.status).toBe('open');
      },
    },
  ]);
});

it('the site may allow nurses to author (recordSigning.professions)', () => {
  const policy = { ...POLICY, recordSigningProfessions: ['nurse'] as Profession[] };
  const r = run([...openedBy('nurse'), cmd({ type: 'authoring.start' })], initialState(policy));
  expect(r.refused).toBe(0);
  expect(run([...openedBy('doctor'), cmd({ type: 'authoring.start' })], initialState(policy)).refused).toBe(
    1,
  );
});
