/**
 * Record authoring inside a key worker (issue 16): the code that opened the record is kept here,
 * with the decrypted bundle once a draft needs it, until the main thread says forget or the key
 * leaves (the worker ends with it). Previews apply the draft; a write signs through the main
 * thread (`sign` → `signature`), writes with the careful path, then reads the key back.
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../../common/result.ts';
import type { RecordSigner } from '../../common/record-signer.ts';
import type { SigningRevocationConfig } from '../../common/revocation.ts';
import type { KeyErrorReason } from '../../contract/session-view.ts';
import type { BlockSource } from '../../record/block-source.ts';
import { applyEdits } from '../../record/authoring/edits.ts';
import { authoringItems, changeLines } from '../../record/authoring/items.ts';
import { newRecordBundle } from '../../record/authoring/new-bundle.ts';
import {
  birthDateOf,
  namesIdentity,
  withFullBirthDate,
  withIdentity,
} from '../../record/authoring/import-identity.ts';
import type { EditError } from '../../record/authoring/types.ts';
import { formatPatientCode, generatePatientCode } from '../../record/code/patient-code.ts';
import { createContainer } from '../../record/container/create.ts';
import { openWithCode } from '../../record/container/open.ts';
import { RecordInputError } from '../../record/crypto/errors.ts';
import { readExportBundle, scanExportStick } from '../../record/authoring/export-stick.ts';
import { samePatient } from '../../record/same-patient.ts';
import { updateRecordOnKey } from '../../record/update-record.ts';
import { writeRecordToKey } from '../../record/write-record.ts';
import type { RecordPort } from '../ports.ts';
import {
  AuthorRequestSchema,
  type AuthorReply,
  type Draft,
  type WRITE_FAILURES,
} from './authoring-protocol.ts';

type WriteFailure = (typeof WRITE_FAILURES)[number];

/**
 * An import as an update's base: a partial birth date (1951, 1951-01) within the record's full one
 * takes the full one, so that the update neither refuses nor blurs it (HZ-23).
 */
function importedOver(imported: unknown, before: unknown): unknown {
  return imported === undefined ? undefined : withFullBirthDate(imported, birthDateOf(before));
}
export interface AuthoringWorkerDeps {
  /** To the main thread; it validates every reply with AuthorReplySchema. */
  readonly post: (reply: AuthorReply | Record<string, unknown>) => void;
  readonly source: () => Result<BlockSource, KeyErrorReason>;
  readonly records: RecordPort;
  readonly setNow: (now: Date) => void;
  /** The container now on the key (the worker's copy for later openings). */
  readonly setContainer: (container: Uint8Array) => void;
  readonly siteName: string;
  readonly trustAnchorsPem: readonly string[];
  readonly signerProfessions?: readonly import('../../common/professions.ts').Profession[];
  readonly revocation?: SigningRevocationConfig;
  /** The kiosk's emergency keyring (private JWKs): a new record is sealed to their public halves. */
  readonly emergencyKeyring: readonly JsonWebKey[];
}

const publicHalf = ({ d: _d, ...rest }: JsonWebKey): JsonWebKey => rest;

export function createAuthoringWorker(deps: AuthoringWorkerDeps) {
  let code: string | undefined;
  let current: unknown;
  /** Per draft: the same edits get the same ids at every preview and at the write. */
  let seed = randomUUID();
  const signatures = new Map<number, (signature: Uint8Array | undefined) => void>();
  let nextSign = 1;
  const policy = {
    trustAnchorsPem: deps.trustAnchorsPem,
    ...(deps.signerProfessions !== undefined ? { signerProfessions: deps.signerProfessions } : {}),
    ...(deps.revocation !== undefined ? { revocation: deps.revocation } : {}),
  };

  function forget(): void {
    code = undefined;
    current = undefined;
    seed = randomUUID();
  }

  /** The record as opened with the code (once per draft: the KDF is the slow part). */
  async function currentBundle(container: Uint8Array | undefined, now: Date): Promise<unknown> {
    if (current !== undefined) return current;
    if (code === undefined || container === undefined) return undefined;
    const opened = await openWithCode(container, code, { tier: 'full', ...policy, now });
    current = opened.ok ? opened.value.bundle : undefined;
    return current;
  }

  async function draftBundle(
    draft: Draft,
    container: Uint8Array | undefined,
  ): Promise<Result<{ before?: unknown; after: unknown; importRefused?: 'other_patient' }, EditError>> {
    const now = new Date(draft.now);
    if (draft.mode === 'new') {
      const identity = draft.identity;
      if (identity === undefined) return err({ index: 0, code: 'invalid' });
      // An import for another patient than the identity given is refused outright (HZ-23).
      const refused = draft.imported !== undefined && !namesIdentity(draft.imported, identity);
      const base =
        draft.imported !== undefined && !refused
          ? withIdentity(draft.imported, identity)
          : newRecordBundle(identity, now, seed);
      const applied = applyEdits(base, draft.edits, draft.author, now, seed);
      if (!applied.ok) return applied;
      return ok({ after: applied.value, ...(refused ? { importRefused: 'other_patient' as const } : {}) });
    }
    const before = await currentBundle(container, now);
    if (before === undefined) return err({ index: 0, code: 'invalid' });
    // An import for another patient (family name, birth date, INS) is refused outright (HZ-23). An
    // import's partial birth date within the record's full one takes the full one.
    const imported = importedOver(draft.imported, before);
    const refused = imported !== undefined && !samePatient(before, imported);
    const base = imported !== undefined && !refused ? imported : before;
    const applied = applyEdits(base, draft.edits, draft.author, now, seed);
    if (!applied.ok) return applied;
    return ok({
      before,
      after: applied.value,
      ...(refused ? { importRefused: 'other_patient' as const } : {}),
    });
  }

  function cardSigner(meta: {
    algorithm: RecordSigner['algorithm'];
    certificateChain: Uint8Array[];
  }): RecordSigner {
    return {
      algorithm: meta.algorithm,
      certificateChain: meta.certificateChain,
      sign(input) {
        const n = nextSign++;
        return new Promise<Uint8Array>((resolve, reject) => {
          signatures.set(n, (signature) =>
            signature ? resolve(signature) : reject(new Error('card signature refused')),
          );
          deps.post({ op: 'sign', id: n, input });
        });
      },
    };
  }

  async function write(
    draft: Draft,
    signer: RecordSigner,
    id: number,
  ): Promise<
    Result<
      { version: number; recordId: string; opened?: unknown; patientCode?: string },
      { reason: WriteFailure }
    >
  > {
    const source = deps.source();
    if (!source.ok) return err({ reason: 'key_removed' });
    const now = new Date(draft.now);
    const sealed = () => deps.post({ op: 'sealed', id });
    const emergencyPublicKeys = { keys: deps.emergencyKeyring.map(publicHalf) };
    let newCode: string | undefined;
    try {
      if (draft.mode === 'update') {
        if (code === undefined) return err({ reason: 'write_failed' });
        const updated = await updateRecordOnKey(source.value, {
          bundle: undefined,
          fromCurrent: (before) =>
            applyEdits(importedOver(draft.imported, before) ?? before, draft.edits, draft.author, now, seed),
          onSealed: sealed,
          code,
          signer,
          emergencyPublicKeys,
          now,
          author: { name: draft.author.name, profession: draft.author.profession, site: deps.siteName },
          ...policy,
        });
        if (!updated.ok) {
          switch (updated.error.stage) {
            case 'patient':
              return err({ reason: 'not_same_patient' });
            case 'edit':
              return err({ reason: updated.error.error.code === 'too_large' ? 'too_large' : 'write_failed' });
            case 'read':
            case 'write':
              return err({
                reason:
                  'code' in updated.error.error && updated.error.error.code === 'removed'
                    ? 'key_removed'
                    : 'write_failed',
              });
          }
        }
      } else {
        const made = await draftBundle(draft, undefined);
        if (!made.ok) return err({ reason: made.error.code === 'too_large' ? 'too_large' : 'write_failed' });
        if (made.value.importRefused !== undefined) return err({ reason: 'not_same_patient' });
        newCode = generatePatientCode();
        const sealedBytes = await createContainer({
          bundle: made.value.after,
          code: newCode,
          signer,
          emergencyPublicKeys,
          now,
        });
        sealed();
        const written = writeRecordToKey(source.value, sealedBytes);
        if (!written.ok)
          return err({ reason: written.error.code === 'removed' ? 'key_removed' : 'write_failed' });
        code = newCode;
      }
    } catch (error) {
      if (error instanceof RecordInputError) return err({ reason: 'too_large' });
      return err({ reason: 'sign_failed' });
    }
    // Read back what the key now holds, as any opening would.
    current = undefined;
    const read = await deps.records.readContainer(source.value);
    if (!read.ok || code === undefined) return err({ reason: 'write_failed' });
    deps.setContainer(read.value);
    deps.setNow(now);
    const opened = await deps.records.openWithCode(read.value, code);
    if (!opened.ok) return err({ reason: 'write_failed' });
    const verification = opened.value.record.verification as { status: string; version?: number };
    return ok({
      version:
        verification.status === 'valid' && verification.version !== undefined ? verification.version : 1,
      recordId: opened.value.record.recordId,
      opened: opened.value.record,
      ...(newCode !== undefined ? { patientCode: formatPatientCode(newCode as never) } : {}),
    });
  }

  return {
    /** The code that just opened the record (full tier): kept for a draft until forgotten. */
    remember(openedWith: string): void {
      forget();
      code = openedWith;
    },
    forget,
    /** Handles an authoring message; false when the message is not one. */
    accept(message: unknown, container: () => Uint8Array | undefined): boolean {
      const parsed = AuthorRequestSchema.safeParse(message);
      if (!parsed.success) return false;
      const request = parsed.data;
      switch (request.op) {
        case 'author_forget':
          forget();
          return true;
        case 'signature':
          signatures.get(request.id)?.(request.signature);
          signatures.delete(request.id);
          return true;
        case 'author_preview':
          void draftBundle(request.draft, container()).then((made) => {
            const result = made.ok
              ? ok({
                  items: authoringItems(made.value.after as never),
                  changes: changeLines(made.value.before as never, made.value.after as never),
                  ...(made.value.importRefused !== undefined
                    ? { importRefused: made.value.importRefused }
                    : {}),
                })
              : made;
            deps.post({ op: 'author_preview', id: request.id, result });
          });
          return true;
        case 'export_scan': {
          const source = deps.source();
          const result = source.ok ? scanExportStick(source.value) : err('unreadable' as const);
          deps.post({ op: 'export_scan', id: request.id, result });
          return true;
        }
        case 'export_read': {
          const source = deps.source();
          const result = source.ok
            ? readExportBundle(source.value, request.path)
            : err('unreadable' as const);
          deps.post({ op: 'export_read', id: request.id, result });
          return true;
        }
        case 'author_write': {
          const signer = cardSigner(request.signer);
          void write(request.draft, signer, request.id).then((result) =>
            deps.post({ op: 'author_write', id: request.id, result }),
          );
          return true;
        }
      }
    },
  };
}
