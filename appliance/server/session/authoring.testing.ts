/** The authoring machine tests' shared inputs: a doctor's draft at each step, the worker's answers. */
import type { Profession } from '../../common/professions.ts';
import type { ChangeLine, RecordEdit } from '../../contract/authoring.ts';
import type { SessionEffect, SessionEvent } from './events.ts';
import {
  authenticated,
  cmd,
  identity,
  keyIn,
  lockedKey,
  openOk,
  RECORD,
  type Input,
} from './fixtures.testing.ts';

export const ALLERGY: RecordEdit = {
  op: 'allergy.add',
  substance: { kind: 'text', text: 'Latex' },
  criticality: 'high',
};
export const ITEMS = {
  allergies: [],
  medications: [],
  problems: [],
  devices: [],
  directives: [],
  contacts: [],
};
export const CHANGE: ChangeLine = {
  kind: 'added',
  section: 'allergies',
  after: { label: 'Latex', criticality: 'high' },
};

export function last<T extends SessionEffect['type']>(effects: readonly SessionEffect[], type: T) {
  const found = [...effects].reverse().find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} effect`);
  return found as Extract<SessionEffect, { type: T }>;
}

/** The worker's answer to the last preview. */
export const previewOk =
  (changes: ChangeLine[] = [CHANGE]): Input =>
  (_s, effects) => ({
    type: 'authoring.preview_result',
    requestId: last(effects, 'author_preview').requestId,
    result: { ok: true, value: { items: ITEMS, changes } },
  });
export const sealed: Input = (_s, effects) => ({
  type: 'authoring.sealed',
  requestId: last(effects, 'author_write').requestId,
});
export const written =
  (patientCode?: string): Input =>
  (_s, effects) => ({
    type: 'authoring.write_result',
    requestId: last(effects, 'author_write').requestId,
    result: {
      ok: true,
      value: {
        version: patientCode ? 1 : 2,
        recordId: 'rid-2',
        opened: { ...RECORD, recordId: 'rid-2' },
        ...(patientCode ? { patientCode } : {}),
      },
    },
  });
export const writeFailed =
  (
    error: Extract<SessionEvent, { type: 'authoring.write_result' }>['result'] extends infer R
      ? R extends { ok: false; error: infer E }
        ? E
        : never
      : never,
  ): Input =>
  (_s, effects) => ({
    type: 'authoring.write_result',
    requestId: last(effects, 'author_write').requestId,
    result: { ok: false, error },
  });

export const openedBy = (profession: Profession): Input[] => [
  ...authenticated(identity(profession)),
  ...lockedKey(),
  cmd({ type: 'code.submit', code: 'C' }),
  openOk('full'),
];
export const editing = (profession: Profession = 'doctor'): Input[] => [
  ...openedBy(profession),
  cmd({ type: 'authoring.start' }),
  previewOk([]),
  cmd({ type: 'authoring.edit', edit: ALLERGY }),
  previewOk(),
];
export const reviewing = [...editing(), cmd({ type: 'authoring.review' })];
export const signing = [...reviewing, cmd({ type: 'authoring.sign', pin: '123456' })];
export const blankStick = (profession: Profession = 'doctor'): Input[] => [
  ...authenticated(identity(profession)),
  keyIn('key-1'),
  (_s, effects) => ({
    type: 'key.read_result',
    keyId: 'key-1',
    requestId: last(effects, 'read_key').requestId,
    result: { ok: false, error: 'not_a_baladeur_key' },
  }),
];
