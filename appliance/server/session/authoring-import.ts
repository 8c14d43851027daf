/**
 * Importing a FHIR IPS bundle from the doctor's software at the kiosk (issue 16, item 5). Pure.
 *
 * The USB driver presents one key at a time (two sticks read `several_keys`), so the flow is:
 * the patient key out → the export stick in (its worker lists the document Bundles; several: the
 * doctor chooses) → the bundle read and validated → the export stick out → the patient key back,
 * opened with the code. The draft (edits, and the imported bundle once read) waits in memory
 * only. The key put back must hold the draft's record (same pseudonymous record id), else
 * nothing is imported into it or written (HZ-23); the import's patient must be the record's
 * (checked by the key's worker against the opened record, and again at the write): another
 * patient's bundle is refused outright, the edits untouched.
 */
import type { ImportOutcome } from '../../contract/authoring.ts';
import type { Command } from '../../contract/commands.ts';
import type { ExportReadError, ExportScanError } from '../../record/authoring/export-stick.ts';
import type { AuthoringEvent, AuthoringState, ImportStep } from './authoring-state.ts';
import { previewed, withAuthoring } from './authoring.ts';
import { assertNever, type Result } from '../../common/result.ts';
import { namesIdentity } from '../../record/authoring/import-identity.ts';
import type { SessionEffect } from './events.ts';
import type { SessionState } from './state.ts';
import type { Partial } from './wipe.ts';

export type ImportCommand = Extract<Command, { type: `authoring.import${string}` }>;

export function isImportCommand(command: Command): command is ImportCommand {
  return command.type.startsWith('authoring.import');
}

const importing = (state: SessionState, authoring: AuthoringState, step: ImportStep): Partial =>
  withAuthoring(state, { ...authoring, phase: { status: 'importing', step } });

const backToKey = (
  state: SessionState,
  authoring: AuthoringState,
  outcome: ImportOutcome,
  exportKeyId?: string,
): Partial =>
  importing(state, authoring, {
    step: 'return_patient_key',
    outcome,
    ...(exportKeyId !== undefined ? { exportKeyId } : {}),
  });

function read(state: SessionState, authoring: AuthoringState, keyId: string, path: string): Partial {
  const requestId = state.nextRequestId;
  const next = { ...state, nextRequestId: requestId + 1 };
  const effect: SessionEffect = { type: 'export_read', keyId, requestId, path };
  const out = importing(next, authoring, { step: 'reading', keyId, requestId });
  return { state: out.state, effects: [effect] };
}

export function onImportCommand(state: SessionState, command: ImportCommand): Partial | 'refused' {
  const authoring = state.authoring;
  if (authoring === undefined) return 'refused';
  const phase = authoring.phase;
  switch (command.type) {
    case 'authoring.import': {
      const key = state.key;
      if (authoring.previewRequestId !== undefined) return 'refused';
      const { importOutcome: _shown, search: _search, ...rest } = authoring;
      if (authoring.mode === 'new') {
        // A new record: from the identity form (nothing typed yet) or from its editor.
        if (phase.status !== 'identity' && phase.status !== 'editing') return 'refused';
        if (key.status !== 'error' || key.keyId !== authoring.keyId) return 'refused';
        return importing(state, rest, { step: 'remove_patient_key' });
      }
      if (phase.status !== 'editing') return 'refused';
      if (key.status !== 'open' || key.keyId !== authoring.keyId) return 'refused';
      return importing(state, { ...rest, recordId: key.record.recordId }, { step: 'remove_patient_key' });
    }
    case 'authoring.import_choose': {
      if (phase.status !== 'importing' || phase.step.step !== 'choose') return 'refused';
      const file = phase.step.files[command.index];
      if (file === undefined) return 'refused';
      return read(state, authoring, phase.step.keyId, file.path);
    }
    case 'authoring.import_cancel': {
      if (phase.status !== 'importing') return 'refused';
      const step = phase.step.step;
      if (step === 'remove_patient_key')
        return withAuthoring(state, { ...authoring, phase: resumed(authoring) });
      if (step === 'return_patient_key') return 'refused';
      return backToKey(state, authoring, 'cancelled', 'keyId' in phase.step ? phase.step.keyId : undefined);
    }
  }
}

/** Where the draft goes on once the import is over: a new record's identity until one is given. */
const resumed = (authoring: AuthoringState): AuthoringState['phase'] =>
  authoring.mode === 'new' && authoring.identity === undefined
    ? { status: 'identity' }
    : { status: 'editing' };

/**
 * A new record: the stick put back must be a writable FAT stick without a record (any such stick:
 * no code is asked, there is no record yet). One that holds a record is refused as HZ-23 says;
 * one that cannot take a record says why, as the key screen does. Nothing is written to either.
 */
function blankStickBack(
  state: SessionState,
  authoring: AuthoringState,
  step: Extract<ImportStep, { step: 'return_patient_key' }>,
): Partial {
  const { key } = state;
  const { wrongKey: _w, keyProblem: _p, holdsExport: _e, checking: _c, ...waiting } = step;
  switch (key.status) {
    case 'absent':
    case 'reading':
      return { state, effects: [] };
    case 'locked':
    case 'unlocking':
    case 'open':
      return step.wrongKey
        ? { state, effects: [] }
        : importing(state, authoring, { ...waiting, wrongKey: true });
    case 'error': {
      if (key.reason !== 'not_a_baladeur_key' || key.keyId === undefined)
        return importing(state, authoring, { ...waiting, keyProblem: key.reason });
      if (step.checking?.keyId === key.keyId) return { state, effects: [] };
      // The export stick itself put back would take the record beside its plaintext JSON: its
      // worker first says whether it holds a document Bundle.
      const requestId = state.nextRequestId;
      const next = { ...state, nextRequestId: requestId + 1 };
      const out = importing(next, authoring, { ...waiting, checking: { keyId: key.keyId, requestId } });
      return { state: out.state, effects: [{ type: 'export_scan', keyId: key.keyId, requestId }] };
    }
    default:
      return assertNever(key, 'key state');
  }
}

/** The blank stick put back, scanned: no document Bundle, the draft goes on against it. */
function blankStickChecked(
  state: SessionState,
  authoring: AuthoringState,
  step: Extract<ImportStep, { step: 'return_patient_key' }>,
  result: Result<readonly unknown[], ExportScanError>,
): Partial {
  const keyId = step.checking?.keyId;
  const { key } = state;
  if (keyId === undefined || key.status !== 'error' || key.keyId !== keyId) return { state, effects: [] };
  if (result.ok) {
    const { checking: _c, ...refused } = step;
    return importing(state, authoring, { ...refused, exportKeyId: keyId, holdsExport: true });
  }
  if (result.error === 'unreadable')
    return importing(state, authoring, { ...step, keyProblem: 'unreadable' });
  const back: AuthoringState = {
    ...authoring,
    keyId,
    importOutcome: step.outcome,
    phase: resumed(authoring),
  };
  if (back.phase.status === 'identity') return withAuthoring(state, back);
  const out = previewed(state, back);
  return out === 'refused' ? withAuthoring(state, undefined) : out;
}

const scanOutcome = (error: ExportScanError): ImportOutcome => error;
const readOutcome = (error: ExportReadError): ImportOutcome => error;

export function onImportResult(
  state: SessionState,
  event: Extract<AuthoringEvent, { type: 'authoring.export_scanned' | 'authoring.export_read' }>,
): Partial {
  const authoring = state.authoring;
  const unchanged = { state, effects: [] };
  if (authoring?.phase.status !== 'importing') return unchanged;
  const step = authoring.phase.step;
  if (event.type === 'authoring.export_scanned') {
    if (step.step === 'return_patient_key' && step.checking?.requestId === event.requestId)
      return blankStickChecked(state, authoring, step, event.result);
    if (step.step !== 'scanning' || step.requestId !== event.requestId) return unchanged;
    if (!event.result.ok) return backToKey(state, authoring, scanOutcome(event.result.error), step.keyId);
    const files = event.result.value;
    const [only] = files;
    if (only !== undefined && files.length === 1) return read(state, authoring, step.keyId, only.path);
    return importing(state, authoring, { step: 'choose', keyId: step.keyId, files });
  }
  if (step.step !== 'reading' || step.requestId !== event.requestId) return unchanged;
  if (!event.result.ok) return backToKey(state, authoring, readOutcome(event.result.error), step.keyId);
  const bundle = event.result.value;
  // A new record whose identity was typed before the import: another patient's import is refused (HZ-23).
  if (
    authoring.mode === 'new' &&
    authoring.identity !== undefined &&
    !namesIdentity(bundle, authoring.identity)
  )
    return backToKey(state, authoring, 'other_patient', step.keyId);
  return backToKey(state, { ...authoring, imported: bundle }, 'imported', step.keyId);
}

/**
 * After every step while importing: the card must stay; the keys come and go as the steps say.
 * `undefined`: not importing.
 */
export function syncImport(state: SessionState, authoring: AuthoringState): Partial | undefined {
  const phase = authoring.phase;
  if (phase.status !== 'importing') return undefined;
  const { key } = state;
  const keyId = 'keyId' in key ? key.keyId : undefined;
  const step = phase.step;
  switch (step.step) {
    case 'remove_patient_key':
      if (keyId === authoring.keyId) return { state, effects: [] };
      return importing(state, authoring, { step: 'insert_export' });
    case 'insert_export': {
      if (keyId === undefined || keyId === authoring.keyId) return { state, effects: [] };
      const requestId = state.nextRequestId;
      const next = importing({ ...state, nextRequestId: requestId + 1 }, authoring, {
        step: 'scanning',
        keyId,
        requestId,
      });
      return { state: next.state, effects: [{ type: 'export_scan', keyId, requestId }] };
    }
    case 'scanning':
    case 'choose':
    case 'reading':
      // The export stick pulled before its bundle was read: nothing imported.
      if (keyId === step.keyId) return { state, effects: [] };
      return backToKey(state, authoring, step.step === 'choose' ? 'cancelled' : 'unreadable');
    case 'return_patient_key': {
      if (step.exportKeyId !== undefined) {
        if (keyId === step.exportKeyId) return { state, effects: [] };
        const { exportKeyId: _out, ...waiting } = step;
        return syncImport(importing(state, authoring, waiting).state, {
          ...authoring,
          phase: { status: 'importing', step: waiting },
        });
      }
      if (authoring.mode === 'new') return blankStickBack(state, authoring, step);
      const recordId =
        key.status === 'open'
          ? key.record.recordId
          : key.status === 'locked' || key.status === 'unlocking'
            ? key.recordId
            : undefined;
      if (recordId === undefined) {
        // No key, a key being read, or one that holds no record: waiting; a warning stays until the right key.
        return { state, effects: [] };
      }
      if (recordId !== authoring.recordId) {
        if (step.wrongKey) return { state, effects: [] };
        return importing(state, authoring, { ...step, wrongKey: true });
      }
      if (key.status !== 'open' || key.tier !== 'full' || key.breakGlass) {
        if (!step.wrongKey) return { state, effects: [] };
        const { wrongKey: _cleared, ...waiting } = step;
        return importing(state, authoring, waiting);
      }
      // The draft's own record, opened with the code: the draft goes on against this insertion.
      const back: AuthoringState = {
        ...authoring,
        keyId: key.keyId,
        importOutcome: step.outcome,
        phase: { status: 'editing' },
      };
      const out = previewed(state, back);
      return out === 'refused' ? withAuthoring(state, undefined) : out;
    }
  }
}
