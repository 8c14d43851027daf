import { describe, expect } from 'vitest';
import type { AuthoringView } from '../../contract/authoring.ts';
import type { KeyErrorReason } from '../../contract/session-view.ts';
import { blankStick, CHANGE, last, previewOk, written } from './authoring.testing.ts';
import { cardOut, cmd, keyIn, keyOut, run, type Input } from './fixtures.testing.ts';
import { itTransitions, types, viewOf } from './transitions.testing.ts';

const PATIENT = {
  resourceType: 'Patient',
  name: [{ family: 'Durand', given: ['Léa', 'Marie'] }],
  birthDate: '1990-04-02',
  gender: 'female',
};
const BUNDLE = {
  resourceType: 'Bundle',
  type: 'document',
  entry: [
    {
      fullUrl: 'urn:uuid:c',
      resource: { resourceType: 'Composition', subject: { reference: 'urn:uuid:p' } },
    },
    { fullUrl: 'urn:uuid:p', resource: PATIENT },
  ],
};
const DURAND = { family: 'DURAND', given: 'Léa', birthDate: '1990-04-02' } as const;
const MARTIN = { family: 'Martin', given: 'Paul', birthDate: '1990-04-02' } as const;

/** The key's worker read a stick: an error (no record, not FAT…), or a record (locked). */
const readError =
  (keyId: string, reason: KeyErrorReason): Input =>
  (_s, effects) => ({
    type: 'key.read_result',
    keyId,
    requestId: last(effects, 'read_key').requestId,
    result: { ok: false, error: reason },
  });
const readRecord: Input = (_s, effects) => {
  const e = last(effects, 'read_key');
  return {
    type: 'key.read_result',
    keyId: e.keyId,
    requestId: e.requestId,
    result: { ok: true, value: null },
    recordId: 'rec-9',
  };
};
const scanned: Input = (_s, effects) => ({
  type: 'authoring.export_scanned',
  requestId: last(effects, 'export_scan').requestId,
  result: { ok: true, value: [{ path: 'IPS.JSON', size: 1200 }] },
});
const readExport: Input = (_s, effects) => ({
  type: 'authoring.export_read',
  requestId: last(effects, 'export_read').requestId,
  result: { ok: true, value: BUNDLE },
});

const stateAfter = (inputs: Input[]) => run(inputs).state;
const view = (s: Parameters<typeof viewOf>[0]) => viewOf(s).authoring as AuthoringView;
const newRecord = [...blankStick(), cmd({ type: 'authoring.new' })];
const typed = (identity: typeof DURAND | typeof MARTIN = DURAND): Input[] => [
  ...newRecord,
  cmd({ type: 'authoring.identity', ...identity }),
  previewOk(),
];
/** The blank stick out, the export stick in, its one bundle read, the export stick out. */
const imported = (before: Input[] = newRecord): Input[] => [
  ...before,
  cmd({ type: 'authoring.import' }),
  keyOut,
  keyIn('export'),
  readError('export', 'not_a_baladeur_key'),
  scanned,
  readExport,
  keyOut,
];
/** The stick put back, asked by its worker whether it holds a document Bundle: none. */
const noBundle: Input = (_s, effects) => ({
  type: 'authoring.export_scanned',
  requestId: last(effects, 'export_scan').requestId,
  result: { ok: false, error: 'no_bundle' },
});
const blankBack: Input[] = [keyIn('key-2'), readError('key-2', 'not_a_baladeur_key'), noBundle];

describe('authoring: a new record imported from the doctor’s software (issue 16, item 5)', () => {
  itTransitions([
    {
      title: 'offered on the identity form and in the new record’s editor; the blank stick is asked out',
      inputs: [...newRecord, cmd({ type: 'authoring.import' })],
      check: (r) => {
        expect(view(r.state)).toEqual({ status: 'importing', newRecord: true, step: 'remove_patient_key' });
        expect(r.last).toEqual([]);
        expect(viewOf(stateAfter(newRecord)).authoring).toMatchObject({
          status: 'identity',
          canImport: true,
        });
        expect(viewOf(stateAfter(typed())).authoring).toMatchObject({ status: 'editing', canImport: true });
      },
    },
    {
      title:
        'nothing typed yet: a blank stick back (no code asked) shows the identity form filled from the import, for checking',
      inputs: [...imported(), ...blankBack],
      check: (r) => {
        expect(view(r.state)).toEqual({
          status: 'identity',
          imported: { family: 'Durand', given: 'Léa Marie', birthDate: '1990-04-02', sex: 'female' },
          canImport: true,
          importOutcome: 'imported',
        });
        expect(r.state.authoring?.keyId).toBe('key-2');
        expect(types(r.effects)).not.toContain('author_preview');
        expect(types(r.effects)).not.toContain('unlock');
      },
    },
    {
      title:
        'the identity checked: everything previewed on the imported bundle, then signed and written to the blank stick with a new code',
      inputs: [
        ...imported(),
        ...blankBack,
        cmd({ type: 'authoring.identity', ...DURAND }),
        previewOk([CHANGE]),
        cmd({ type: 'authoring.review' }),
        cmd({ type: 'authoring.sign', pin: '123456' }),
      ],
      check: (r) => {
        expect(last(r.effects, 'author_preview')).toMatchObject({
          keyId: 'key-2',
          mode: 'new',
          imported: BUNDLE,
        });
        expect(last(r.last, 'author_write')).toMatchObject({
          keyId: 'key-2',
          mode: 'new',
          identity: DURAND,
          imported: BUNDLE,
        });
        const done = stateAfter([
          ...imported(),
          ...blankBack,
          cmd({ type: 'authoring.identity', ...DURAND }),
          previewOk([CHANGE]),
          cmd({ type: 'authoring.review' }),
          cmd({ type: 'authoring.sign', pin: '123456' }),
          written('ABCD-EFGH-JKMN-PQR0'),
        ]);
        expect(viewOf(done).authoring).toMatchObject({
          status: 'written',
          newKey: true,
          version: 1,
          patientCode: 'ABCD-EFGH-JKMN-PQR0',
        });
        expect(done.authoring?.imported).toBeUndefined();
      },
    },
    {
      title:
        'HZ-23 a stick holding a record put back: said at once, nothing previewed or written into it, no code asked; a blank stick then goes on',
      inputs: [...imported(typed()), keyIn('key-3'), readRecord],
      check: (r) => {
        expect(view(r.state)).toEqual({
          status: 'importing',
          newRecord: true,
          step: 'return_patient_key',
          outcome: 'imported',
          wrongKey: true,
        });
        const from = r.effects.findIndex((e) => e.type === 'export_read');
        expect(types(r.effects.slice(from))).not.toContain('author_preview');
        const then = stateAfter([...imported(typed()), keyIn('key-3'), readRecord, keyOut, ...blankBack]);
        expect(viewOf(then).authoring).toMatchObject({ status: 'editing', importOutcome: 'imported' });
        expect(then.authoring?.keyId).toBe('key-2');
      },
    },
    {
      title:
        'the export stick itself put back (a document Bundle on it): refused, nothing written beside its plaintext JSON; a blank stick then goes on',
      inputs: [...imported(), keyIn('export-2'), readError('export-2', 'not_a_baladeur_key'), scanned],
      check: (r) => {
        expect(last(r.effects, 'export_scan')).toMatchObject({ keyId: 'export-2' });
        expect(view(r.state)).toMatchObject({ step: 'return_patient_key', holdsExport: true });
        expect(r.state.authoring?.keyId).toBe('key-1');
        const putBack = [
          ...imported(),
          keyIn('export-2'),
          readError('export-2', 'not_a_baladeur_key'),
          scanned,
        ];
        expect(viewOf(stateAfter([...putBack, keyOut])).authoring).toMatchObject({ holdsExport: true });
        const then = stateAfter([...putBack, keyOut, ...blankBack]);
        expect(viewOf(then).authoring).toMatchObject({ status: 'identity', importOutcome: 'imported' });
        expect(then.authoring?.keyId).toBe('key-2');
      },
    },
    {
      title:
        'a stick that cannot take a record (not FAT, write-protected) put back: said why, nothing written',
      inputs: [...imported(), keyIn('key-4'), readError('key-4', 'not_fat')],
      check: (r) => {
        expect(view(r.state)).toMatchObject({ step: 'return_patient_key', keyProblem: 'not_fat' });
        const locked = stateAfter([...imported(), keyIn('key-4'), readError('key-4', 'write_protected')]);
        expect(viewOf(locked).authoring).toMatchObject({ keyProblem: 'write_protected' });
        const then = stateAfter([
          ...imported(),
          keyIn('key-4'),
          readError('key-4', 'not_fat'),
          keyOut,
          ...blankBack,
        ]);
        expect(viewOf(then).authoring).toMatchObject({ status: 'identity', importOutcome: 'imported' });
      },
    },
    {
      title:
        'identity typed first, the import names the same patient (case aside): the edits apply to the imported bundle',
      inputs: [...imported(typed()), ...blankBack],
      check: (r) => {
        expect(last(r.last, 'author_preview')).toMatchObject({
          keyId: 'key-2',
          identity: DURAND,
          imported: BUNDLE,
        });
        expect(view(r.state)).toMatchObject({ status: 'editing', importOutcome: 'imported' });
      },
    },
    {
      title:
        'HZ-23 identity typed first, the import names another patient: refused outright, nothing imported, the draft untouched',
      inputs: [...imported(typed(MARTIN)), ...blankBack, previewOk()],
      check: (r) => {
        expect(r.state.authoring?.imported).toBeUndefined();
        expect(r.state.authoring?.identity).toEqual(MARTIN);
        expect(last(r.effects, 'author_preview')).not.toHaveProperty('imported');
        expect(view(r.state)).toMatchObject({ status: 'editing', importOutcome: 'other_patient' });
      },
    },
    {
      title:
        'HZ-23 the identity filled from the import changed to another patient before going on: the import is dropped',
      inputs: [...imported(), ...blankBack, cmd({ type: 'authoring.identity', ...MARTIN })],
      check: (r) => {
        expect(r.state.authoring?.imported).toBeUndefined();
        expect(last(r.last, 'author_preview')).not.toHaveProperty('imported');
        expect(r.state.authoring?.importOutcome).toBe('other_patient');
      },
    },
    {
      title:
        'cancel before the blank stick is out: back to the identity form; the card pulled: the draft fails',
      inputs: [...newRecord, cmd({ type: 'authoring.import' }), cmd({ type: 'authoring.import_cancel' })],
      check: (r) => {
        expect(view(r.state)).toMatchObject({ status: 'identity' });
        const pulled = stateAfter([...imported(), cardOut]);
        expect(viewOf(pulled).authoring).toEqual({ status: 'failed', reason: 'card_removed' });
        expect(pulled.authoring?.imported).toBeUndefined();
      },
    },
  ]);
});
