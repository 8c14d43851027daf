/** The session view's authoring part (contract/authoring.ts), from the authoring sub-state. */
import { assertNever } from '../../common/result.ts';
import type { AuthoringItems, AuthoringView, ImportStepView } from '../../contract/authoring.ts';
import { importedIdentity } from '../../record/authoring/import-identity.ts';
import type { ImportStep } from './authoring-state.ts';
import type { SessionView } from '../../contract/session-view.ts';
import { authoringOffer } from './authoring.ts';
import type { SessionState } from './state.ts';

const NO_ITEMS: AuthoringItems = {
  allergies: [],
  medications: [],
  problems: [],
  devices: [],
  directives: [],
  contacts: [],
};

function referenceStatus(state: SessionState): 'loading' | 'ready' | 'unavailable' {
  switch (state.drugs.status) {
    case 'ready':
      return 'ready';
    case 'unavailable':
      return 'unavailable';
    case 'not_loaded':
    case 'loading':
      return 'loading';
    default:
      return assertNever(state.drugs, 'drug reference');
  }
}

function importStepView(step: ImportStep): ImportStepView {
  switch (step.step) {
    case 'remove_patient_key':
    case 'insert_export':
    case 'scanning':
    case 'reading':
      return { step: step.step };
    case 'choose':
      return { step: 'choose', files: step.files.map(({ path, size }) => ({ path, size })) };
    case 'return_patient_key':
      return {
        step: step.step,
        outcome: step.outcome,
        ...(step.wrongKey ? { wrongKey: true as const } : {}),
        ...(step.keyProblem !== undefined ? { keyProblem: step.keyProblem } : {}),
        ...(step.holdsExport ? { holdsExport: true as const } : {}),
      };
    default:
      return assertNever(step, 'import step');
  }
}

export function authoringView(state: SessionState): AuthoringView | undefined {
  const a = state.authoring;
  if (a === undefined) return undefined;
  const p = a.phase;
  switch (p.status) {
    case 'identity':
      return {
        status: 'identity',
        ...(a.imported !== undefined ? { imported: importedIdentity(a.imported) } : {}),
        canImport: true,
        ...(a.importOutcome !== undefined ? { importOutcome: a.importOutcome } : {}),
      };
    case 'editing':
      return {
        status: 'editing',
        items: a.preview?.items ?? NO_ITEMS,
        changes: a.preview?.changes ?? [],
        ...(a.search !== undefined ? { search: a.search } : {}),
        ...(a.lastEditError !== undefined ? { lastEditError: a.lastEditError } : {}),
        ...(a.previewRequestId !== undefined ? { updating: true as const } : {}),
        reference: referenceStatus(state),
        canImport: true,
        ...(a.importOutcome !== undefined ? { importOutcome: a.importOutcome } : {}),
      };
    case 'reviewing':
      return { status: 'reviewing', changes: a.preview?.changes ?? [] };
    case 'signing':
      return { status: 'signing' };
    case 'pin_wrong':
      return p.retriesLeft === undefined
        ? { status: 'pin_wrong' }
        : { status: 'pin_wrong', retriesLeft: p.retriesLeft };
    case 'writing':
      return { status: 'writing' };
    case 'written':
      return {
        status: 'written',
        version: p.version,
        newKey: a.mode === 'new',
        codeCardPrinted: p.codeCardPrinted,
        ...(p.patientCode !== undefined ? { patientCode: p.patientCode } : {}),
      };
    case 'failed':
      return { status: 'failed', reason: p.reason };
    case 'importing':
      return {
        status: 'importing',
        ...(a.mode === 'new' ? { newRecord: true as const } : {}),
        ...importStepView(p.step),
      };
    default:
      return assertNever(p, 'authoring phase');
  }
}

/** The view's `authoringOffer` and `authoring` fields. */
export function withAuthoringView(state: SessionState): Pick<SessionView, 'authoring' | 'authoringOffer'> {
  const offer = authoringOffer(state);
  const view = authoringView(state);
  return {
    ...(offer !== undefined ? { authoringOffer: offer } : {}),
    ...(view !== undefined ? { authoring: view } : {}),
  };
}
