/**
 * Record authoring at the kiosk (issue 16, item 4; contract/authoring.ts). Pure. Allowed to a card
 * of a signing profession (site `recordSigning.professions`, default doctor and midwife): on the
 * key open with the patient's code at the full tier (never break-glass, never the patient's own
 * view), or on a blank or foreign stick (a new record). The draft is dropped when the card or the
 * key leaves, at the idle wipe and when the record is closed; nothing is written before the card
 * signs (HZ-22, HZ-23).
 */
import type { Profession } from '../../common/professions.ts';
import type { Command } from '../../contract/commands.ts';
import type { RecordAuthor } from '../../record/authoring/types.ts';
import type { AuthoringPrint, AuthoringState, DraftRequest } from './authoring-state.ts';
import type { AuditActor, SessionEffect } from './events.ts';
import { namesIdentity } from '../../record/authoring/import-identity.ts';
import { searchDrugs } from './authoring-search.ts';
import type { SessionState } from './state.ts';
import type { Partial } from './wipe.ts';

/** The import's commands are authoring-import.ts's. */
export type AuthoringCommand = Exclude<
  Extract<Command, { type: `authoring.${string}` }>,
  { type: `authoring.import${string}` }
>;

/** A draft is bounded like everything a page can grow (HZ-13). */
export const MAX_EDITS = 100;
export const DEFAULT_SIGNING_PROFESSIONS: readonly Profession[] = ['doctor', 'midwife'];

export function isAuthoringCommand(command: Command): command is AuthoringCommand {
  return command.type.startsWith('authoring.') && !command.type.startsWith('authoring.import');
}

/** The authenticated card when its profession may author records (site policy), else undefined. */
export function signingCard(state: SessionState) {
  const { card, policy } = state;
  if (card.status !== 'authenticated' || !policy.provisioned) return undefined;
  const allowed = policy.recordSigningProfessions ?? DEFAULT_SIGNING_PROFESSIONS;
  // A role given by the site's staff mapping never signs a record (docs/professional-cards.md).
  if (card.identity.siteMapping !== undefined) return undefined;
  return allowed.includes(card.identity.profession) ? card : undefined;
}

/** What the card may author now: `update` the open record, or a `new` one on a blank stick. */
export function authoringOffer(state: SessionState): 'update' | 'new' | undefined {
  if (state.authoring !== undefined || signingCard(state) === undefined) return undefined;
  const { key } = state;
  if (key.status === 'open' && key.tier === 'full' && !key.breakGlass && key.patient !== true)
    return 'update';
  if (key.status === 'error' && key.reason === 'not_a_baladeur_key' && key.keyId !== undefined) return 'new';
  return undefined;
}

function authorOf(state: SessionState): RecordAuthor | undefined {
  const card = signingCard(state);
  if (card === undefined) return undefined;
  const { name, nationalId, profession } = card.identity;
  return { name, nationalId, profession };
}

function actorOf(identity: { nationalId: string; profession: Profession }): AuditActor {
  return { nationalId: identity.nationalId, profession: identity.profession };
}

/** Asks the worker for the draft's items and change lines. */
export function previewed(state: SessionState, authoring: AuthoringState): Partial | 'refused' {
  const author = authorOf(state);
  if (author === undefined) return 'refused';
  const requestId = state.nextRequestId;
  const request: DraftRequest = {
    keyId: authoring.keyId,
    requestId,
    mode: authoring.mode,
    ...(authoring.identity !== undefined ? { identity: authoring.identity } : {}),
    ...(authoring.imported !== undefined ? { imported: authoring.imported } : {}),
    edits: authoring.edits,
    author,
  };
  return {
    state: {
      ...state,
      nextRequestId: requestId + 1,
      authoring: { ...authoring, previewRequestId: requestId },
    },
    effects: [{ type: 'author_preview', ...request }],
  };
}

export const withAuthoring = (state: SessionState, authoring: AuthoringState | undefined): Partial => {
  if (authoring !== undefined) return { state: { ...state, authoring }, effects: [] };
  const { authoring: _dropped, ...rest } = state;
  return { state: rest, effects: [] };
};

export function onAuthoringCommand(state: SessionState, command: AuthoringCommand): Partial | 'refused' {
  const authoring = state.authoring;
  const phase = authoring?.phase.status;
  const card = state.card;
  switch (command.type) {
    case 'authoring.start': {
      if (
        authoringOffer(state) !== 'update' ||
        state.key.status !== 'open' ||
        card.status !== 'authenticated'
      )
        return 'refused';
      const draft: AuthoringState = {
        mode: 'update',
        keyId: state.key.keyId,
        cardId: card.cardId,
        actor: actorOf(card.identity),
        edits: [],
        phase: { status: 'editing' },
      };
      return previewed(state, draft);
    }
    case 'authoring.new': {
      const key = state.key;
      if (authoringOffer(state) !== 'new' || key.status !== 'error' || card.status !== 'authenticated')
        return 'refused';
      if (key.keyId === undefined) return 'refused';
      return withAuthoring(state, {
        mode: 'new',
        keyId: key.keyId,
        cardId: card.cardId,
        actor: actorOf(card.identity),
        edits: [],
        phase: { status: 'identity' },
      });
    }
    case 'authoring.identity': {
      if (authoring?.mode !== 'new' || phase !== 'identity') return 'refused';
      const { type: _type, ...identity } = command;
      const { imported, ...rest } = authoring;
      // The identity checked after an import must still name the import's patient (HZ-23).
      if (imported !== undefined && !namesIdentity(imported, identity))
        return previewed(state, {
          ...rest,
          identity,
          importOutcome: 'other_patient',
          phase: { status: 'editing' },
        });
      return previewed(state, { ...authoring, identity, phase: { status: 'editing' } });
    }
    case 'authoring.edit': {
      if (authoring === undefined || phase !== 'editing' || authoring.edits.length >= MAX_EDITS)
        return 'refused';
      const { lastEditError: _cleared, ...rest } = authoring;
      return previewed(state, { ...rest, edits: [...authoring.edits, command.edit] });
    }
    case 'authoring.undo': {
      if (authoring === undefined || phase !== 'editing' || command.index >= authoring.edits.length)
        return 'refused';
      const { lastEditError: _cleared, ...rest } = authoring;
      return previewed(state, { ...rest, edits: authoring.edits.filter((_, i) => i !== command.index) });
    }
    case 'authoring.search': {
      if (authoring === undefined || phase !== 'editing' || state.drugs.status !== 'ready') return 'refused';
      const search = { query: command.query, matches: searchDrugs(state.drugs.knowledge, command.query) };
      return withAuthoring(state, { ...authoring, search });
    }
    case 'authoring.review': {
      if (authoring === undefined || phase !== 'editing' || authoring.previewRequestId !== undefined)
        return 'refused';
      if (authoring.preview === undefined || authoring.preview.changes.length === 0) return 'refused';
      const { search: _search, ...rest } = authoring;
      return withAuthoring(state, { ...rest, phase: { status: 'reviewing' } });
    }
    case 'authoring.back':
      // From the review, back to the edits; from a wrong PIN (the keypad's cancel), back to the
      // review the PIN was asked from: nothing of the PIN is kept.
      if (authoring === undefined) return 'refused';
      if (phase === 'reviewing') return withAuthoring(state, { ...authoring, phase: { status: 'editing' } });
      if (phase === 'pin_wrong')
        return withAuthoring(state, { ...authoring, phase: { status: 'reviewing' } });
      return 'refused';
    case 'authoring.sign': {
      if (authoring === undefined || (phase !== 'reviewing' && phase !== 'pin_wrong')) return 'refused';
      const author = authorOf(state);
      if (author === undefined || card.status !== 'authenticated' || card.cardId !== authoring.cardId)
        return 'refused';
      const requestId = state.nextRequestId;
      const effect: SessionEffect = {
        type: 'author_write',
        keyId: authoring.keyId,
        cardId: authoring.cardId,
        pin: command.pin,
        requestId,
        mode: authoring.mode,
        ...(authoring.identity !== undefined ? { identity: authoring.identity } : {}),
        ...(authoring.imported !== undefined ? { imported: authoring.imported } : {}),
        edits: authoring.edits,
        author,
      };
      return {
        state: {
          ...state,
          nextRequestId: requestId + 1,
          authoring: { ...authoring, phase: { status: 'signing', requestId } },
        },
        effects: [effect],
      };
    }
    case 'authoring.cancel':
      // Once the card signs, the write is under way: its outcome is shown, never hidden.
      if (authoring === undefined || phase === 'signing' || phase === 'writing') return 'refused';
      return withAuthoring(state, undefined);
    case 'authoring.done':
      if (phase !== 'written' && phase !== 'failed') return 'refused';
      return withAuthoring(state, undefined);
    case 'authoring.print_code_card':
      return printAuthoring(state, 'code_card');
    case 'authoring.print_receipt':
      return printAuthoring(state, 'change_receipt');
  }
}

/**
 * The new key's code card, or the patient's change receipt, printed through the print path
 * while the outcome screen is up (and the card that wrote is still in). The record printed
 * alongside is the one read back from the key.
 */
export function printAuthoring(
  state: SessionState,
  document: 'code_card' | 'change_receipt',
): Partial | 'refused' {
  const { authoring, key, card, print } = state;
  if (authoring?.phase.status !== 'written' || key.status !== 'open' || card.status !== 'authenticated')
    return 'refused';
  if (print.status === 'active' && (print.view.status === 'printing' || print.view.status === 'waiting'))
    return 'refused';
  const phase = authoring.phase;
  let job: AuthoringPrint;
  if (document === 'code_card') {
    if (phase.patientCode === undefined) return 'refused';
    job = { kind: 'code_card', code: phase.patientCode, createdAt: phase.writtenAt };
  } else {
    const { name, nationalId, profession } = card.identity;
    job = {
      kind: 'change_receipt',
      changes: phase.changes,
      author: { name, nationalId, profession },
      version: phase.version,
      newRecord: authoring.mode === 'new',
      writtenAt: phase.writtenAt,
    };
  }
  const jobId = state.nextRequestId;
  const effects: SessionEffect[] = [];
  if (print.status === 'active') effects.push({ type: 'abort_print', jobId: print.jobId });
  effects.push({
    type: 'print',
    jobId,
    summary: key.record.summary,
    verification: key.record.verification,
    printedBy: { name: card.identity.name, profession: card.identity.profession },
    language: state.language,
    authoring: job,
  });
  return {
    state: {
      ...state,
      nextRequestId: jobId + 1,
      print: { status: 'active', jobId, document, view: { status: 'printing', sentBytes: 0, totalBytes: 0 } },
    },
    effects,
  };
}
