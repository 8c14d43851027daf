import { describe, expect } from 'vitest';
import type { AuthoringView } from '../../contract/authoring.ts';
import { ALLERGY, CHANGE, editing, ITEMS, last, previewOk } from './authoring.testing.ts';
import { cardOut, cmd, keyIn, keyOut, openOk, RECORD, run, type Input } from './fixtures.testing.ts';
import { itTransitions, types, viewOf } from './transitions.testing.ts';

const BUNDLE = { resourceType: 'Bundle', type: 'document', entry: [] };
const FILES = [
  { path: 'IPS.JSON', size: 1200 },
  { path: 'EXPORT/DUPONT.JSON', size: 3400 },
];

/** The key's worker read the container: locked, its pseudonymous record id known. */
const readAs =
  (recordId: string): Input =>
  (_s, effects) => {
    const e = last(effects, 'read_key');
    return {
      type: 'key.read_result',
      keyId: e.keyId,
      requestId: e.requestId,
      result: { ok: true, value: null },
      recordId,
    };
  };
const scanned =
  (files = [FILES[0]!]): Input =>
  (_s, effects) => ({
    type: 'authoring.export_scanned',
    requestId: last(effects, 'export_scan').requestId,
    result: { ok: true, value: files },
  });
const scanFailed: Input = (_s, effects) => ({
  type: 'authoring.export_scanned',
  requestId: last(effects, 'export_scan').requestId,
  result: { ok: false, error: 'no_bundle' },
});
const readExport: Input = (_s, effects) => ({
  type: 'authoring.export_read',
  requestId: last(effects, 'export_read').requestId,
  result: { ok: true, value: BUNDLE },
});

const importView = (s: Parameters<typeof viewOf>[0]) => viewOf(s).authoring as AuthoringView;

const asked = [...editing(), cmd({ type: 'authoring.import' })];
const exportIn = [...asked, keyOut, keyIn('export'), readAs('not-a-record')];
const bundleRead = [...exportIn, scanned(), readExport];
/** The export stick out, the patient key back (a new insertion), opened with the code. */
const patientBack = (recordId = 'rec-1'): Input[] => [
  keyOut,
  keyIn('key-2'),
  readAs(recordId),
  cmd({ type: 'code.submit', code: 'C' }),
  openOk('full', { ...RECORD, recordId }),
];

const otherPatient: Input[] = [
  ...bundleRead,
  ...patientBack(),
  (_s, effects) => ({
    type: 'authoring.preview_result',
    requestId: last(effects, 'author_preview').requestId,
    result: { ok: true, value: { items: ITEMS, changes: [], importRefused: 'other_patient' } },
  }),
];

describe('authoring: import from the doctor’s software (issue 16, item 5)', () => {
  itTransitions([
    {
      title: 'offered while editing an update; asks for the patient key to come out, nothing sent anywhere',
      inputs: asked,
      check: (r) => {
        expect(importView(r.state)).toEqual({ status: 'importing', step: 'remove_patient_key' });
        expect(r.last).toEqual([]);
        expect(viewOf(run(editing()).state).authoring).toMatchObject({ canImport: true });
      },
    },
    {
      title: 'refused on a review, and while a preview is pending',
      inputs: [...editing(), cmd({ type: 'authoring.review' }), cmd({ type: 'authoring.import' })],
      check: (r) => {
        expect(r.refused).toBe(1);
        const pending = run([
          ...editing(),
          cmd({ type: 'authoring.edit', edit: ALLERGY }),
          cmd({ type: 'authoring.import' }),
        ]);
        expect(pending.refused).toBe(1);
      },
    },
    {
      title: 'the patient key out → insert the export stick; the draft is kept (memory only)',
      inputs: [...asked, keyOut],
      check: (r) => {
        expect(importView(r.state)).toEqual({ status: 'importing', step: 'insert_export' });
        expect(r.state.authoring?.edits).toEqual([ALLERGY]);
        expect(types(r.last)).toContain('author_forget');
      },
    },
    {
      title: 'the export stick in → its worker lists it; one document Bundle → read at once',
      inputs: [...exportIn, scanned()],
      check: (r) => {
        expect(r.effects.find((e) => e.type === 'export_scan')).toMatchObject({ keyId: 'export' });
        expect(last(r.last, 'export_read')).toMatchObject({ keyId: 'export', path: 'IPS.JSON' });
        expect(importView(r.state)).toEqual({ status: 'importing', step: 'reading' });
      },
    },
    {
      title: 'several document Bundles: the doctor chooses by name and size',
      inputs: [...exportIn, scanned(FILES), cmd({ type: 'authoring.import_choose', index: 1 })],
      check: (r) => {
        expect(last(r.last, 'export_read')).toMatchObject({ path: 'EXPORT/DUPONT.JSON' });
        const choosing = run([...exportIn, scanned(FILES)]);
        expect(importView(choosing.state)).toEqual({ status: 'importing', step: 'choose', files: FILES });
        expect(
          run([...exportIn, scanned(FILES), cmd({ type: 'authoring.import_choose', index: 2 })]).refused,
        ).toBe(1);
      },
    },
    {
      title: 'read and valid → put the patient key back; nothing previewed until it is opened',
      inputs: bundleRead,
      check: (r) => {
        expect(importView(r.state)).toEqual({
          status: 'importing',
          step: 'return_patient_key',
          outcome: 'imported',
        });
        expect(r.state.authoring?.imported).toEqual(BUNDLE);
      },
    },
    {
      title:
        'the same record back and opened with the code: the edits apply to the imported bundle, previewed on the new insertion',
      inputs: [...bundleRead, ...patientBack(), previewOk([CHANGE])],
      check: (r) => {
        const preview = r.effects.filter((e) => e.type === 'author_preview').at(-1);
        expect(preview).toMatchObject({ keyId: 'key-2', imported: BUNDLE, edits: [ALLERGY] });
        expect(importView(r.state)).toMatchObject({
          status: 'editing',
          importOutcome: 'imported',
          changes: [CHANGE],
        });
        const signed = run([
          ...bundleRead,
          ...patientBack(),
          previewOk([CHANGE]),
          cmd({ type: 'authoring.review' }),
          cmd({ type: 'authoring.sign', pin: '123456' }),
        ]);
        expect(last(signed.last, 'author_write')).toMatchObject({ keyId: 'key-2', imported: BUNDLE });
      },
    },
    {
      title:
        'HZ-23 another record put back: said at once, nothing previewed or written into it, the draft waits for the right key',
      inputs: [...bundleRead, ...patientBack('rec-OTHER')],
      check: (r) => {
        expect(importView(r.state)).toEqual({
          status: 'importing',
          step: 'return_patient_key',
          outcome: 'imported',
          wrongKey: true,
        });
        expect(types(r.effects.slice(r.effects.findIndex((e) => e.type === 'export_read')))).not.toContain(
          'author_preview',
        );
        const right = run([...bundleRead, ...patientBack('rec-OTHER'), ...patientBack()]);
        expect(importView(right.state)).toMatchObject({ status: 'editing' });
        expect(last(right.last, 'author_preview')).toMatchObject({ imported: BUNDLE });
      },
    },
    {
      title:
        'HZ-23 the import names another patient: refused outright, dropped, the edits previewed again on the key’s record',
      inputs: otherPatient,
      check: (r) => {
        expect(r.state.authoring?.imported).toBeUndefined();
        const again = last(r.last, 'author_preview');
        expect(again).not.toHaveProperty('imported');
        expect(again.edits).toEqual([ALLERGY]);
        expect(viewOf(run([...otherPatient, previewOk()]).state).authoring).toMatchObject({
          status: 'editing',
          importOutcome: 'other_patient',
        });
      },
    },
    {
      title:
        'no document Bundle on the stick: said once the key is back, the edits untouched, nothing imported',
      inputs: [...exportIn, scanFailed, ...patientBack(), previewOk()],
      check: (r) => {
        expect(importView(r.state)).toMatchObject({ status: 'editing', importOutcome: 'no_bundle' });
        expect(last(r.effects, 'author_preview')).not.toHaveProperty('imported');
        expect(last(r.effects, 'author_preview').edits).toEqual([ALLERGY]);
      },
    },
    {
      title: 'the export stick pulled while being read: nothing imported',
      inputs: [...exportIn, keyOut],
      check: (r) =>
        expect(importView(r.state)).toEqual({
          status: 'importing',
          step: 'return_patient_key',
          outcome: 'unreadable',
        }),
    },
    {
      title: 'cancel: before the patient key is out, back to the edits; after, put the key back',
      inputs: [...asked, cmd({ type: 'authoring.import_cancel' })],
      check: (r) => {
        expect(importView(r.state)).toMatchObject({ status: 'editing' });
        const later = run([...asked, keyOut, cmd({ type: 'authoring.import_cancel' })]);
        expect(importView(later.state)).toEqual({
          status: 'importing',
          step: 'return_patient_key',
          outcome: 'cancelled',
        });
      },
    },
    {
      title: 'HZ-22 the card pulled while importing: the draft and the import fail as card_removed',
      inputs: [...bundleRead, cardOut],
      check: (r) => {
        expect(importView(r.state)).toEqual({ status: 'failed', reason: 'card_removed' });
        expect(r.state.authoring?.imported).toBeUndefined();
        expect(r.state.authoring?.edits).toEqual([]);
      },
    },
  ]);
});
