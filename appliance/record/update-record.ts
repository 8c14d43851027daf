/**
 * Updating the record on a key (docs/key-format.md §12, "Updates"): the patient code opens the
 * current record and its access-log key; the new bundle is signed as version + 1 naming the
 * replaced container, sealed with the same log key (re-wrapped for the new id), written through
 * the careful path (the old container is wiped, fat/retire.ts), and the update itself is logged.
 * The access-log file is never rewritten: earlier entries stay readable with the code.
 */
import { err, ok, type Result } from '../common/result.ts';
import type { Profession } from '../common/professions.ts';
import type { SigningRevocationConfig } from '../common/revocation.ts';
import type { BlockSource } from './block-source.ts';
import { appendAccessLog } from './access-log/append.ts';
import type { AccessLogError } from './access-log/errors.ts';
import { createContainer, type CreateContainerInput } from './container/create.ts';
import { RECORD_PATH } from './container/layout.ts';
import { openWithCode, unlockLogKey } from './container/open.ts';
import type { OpenedRecord, RecordError } from './container/types.ts';
import { MAX_CONTAINER_BYTES } from './crypto/padding.ts';
import type { FatError } from './fat/errors.ts';
import type { EditError } from './authoring/types.ts';
import { readKeyFile, writeKeyFile } from './fat/files.ts';
import { samePatient } from './same-patient.ts';

/** The new bundle made from the current one (the kiosk's edits, record/authoring/edits.ts). */
export type BundleFromCurrent = (current: unknown) => Result<unknown, EditError>;

export interface RecordUpdateInput extends Omit<
  CreateContainerInput,
  'bundle' | 'code' | 'version' | 'previousId' | 'logPrivateJwk'
> {
  /** The new bundle, or how to make it from the current one. */
  readonly bundle: unknown;
  readonly fromCurrent?: BundleFromCurrent;
  /** Called once the new container is sealed (both tiers signed), just before it is written. */
  readonly onSealed?: () => void;
  readonly code: string;
  /** Who updates, where (the access-log entry; no content). */
  readonly author: { readonly name: string; readonly profession: Profession; readonly site: string };
  /** To read the current record's version (its signature is verified like any reading). */
  readonly trustAnchorsPem: readonly string[];
  readonly signerProfessions?: readonly Profession[];
  /** The site's CRLs: the current record's signer judged at its signing time, like any reading. */
  readonly revocation?: SigningRevocationConfig;
}

export interface RecordUpdated {
  readonly before: OpenedRecord;
  readonly version: number;
  readonly containerId: string;
  /** The update's own access-log entry; the record is written even when this fails. */
  readonly logged: Result<void, AccessLogError>;
}

export type RecordUpdateError =
  | { readonly stage: 'read'; readonly error: FatError | RecordError }
  /** The new bundle's patient (family name, birth date, identifiers) is not the one on the key (HZ-23). */
  | { readonly stage: 'patient'; readonly error: { readonly message: string } }
  /** `fromCurrent` refused: an edit cannot apply to the current record, or it grows past the bounds. */
  | { readonly stage: 'edit'; readonly error: EditError & { readonly message: string } }
  | { readonly stage: 'write'; readonly error: FatError };

/** The version the new record takes: one more than a verified current one; 1 otherwise. */
function nextVersion(current: OpenedRecord): number {
  return current.verification.status === 'valid' ? current.verification.version + 1 : 1;
}

export async function updateRecordOnKey(
  source: BlockSource,
  input: RecordUpdateInput,
): Promise<Result<RecordUpdated, RecordUpdateError>> {
  const now = input.now ?? new Date();
  const file = readKeyFile(source, RECORD_PATH, { maxBytes: MAX_CONTAINER_BYTES });
  if (!file.ok) return err({ stage: 'read', error: file.error });
  const current = await openWithCode(file.value, input.code, {
    tier: 'full',
    trustAnchorsPem: input.trustAnchorsPem,
    ...(input.signerProfessions === undefined ? {} : { signerProfessions: input.signerProfessions }),
    ...(input.revocation === undefined ? {} : { revocation: input.revocation }),
    now,
  });
  if (!current.ok) return err({ stage: 'read', error: current.error });
  let bundle = input.bundle;
  if (input.fromCurrent !== undefined) {
    const made = input.fromCurrent(current.value.bundle);
    if (!made.ok) {
      const message = `edit ${made.error.index + 1} cannot apply (${made.error.code})`;
      return err({ stage: 'edit', error: { ...made.error, message } });
    }
    bundle = made.value;
  }
  if (!samePatient(current.value.bundle, bundle)) {
    return err({
      stage: 'patient',
      error: {
        message:
          'the new summary is for another patient (family name, birth date or national identifier differ)',
      },
    });
  }
  const logKey = await unlockLogKey(file.value, input.code);
  if (!logKey.ok) return err({ stage: 'read', error: logKey.error });
  const version = nextVersion(current.value);
  const {
    author,
    trustAnchorsPem: _anchors,
    signerProfessions: _professions,
    revocation: _revocation,
    fromCurrent: _from,
    onSealed,
    ...create
  } = input;
  const container = await createContainer({
    ...create,
    bundle,
    now,
    version,
    previousId: current.value.containerId,
    logPrivateJwk: logKey.value,
  });
  onSealed?.();
  const written = writeKeyFile(source, RECORD_PATH, container);
  if (!written.ok) return err({ stage: 'write', error: written.error });
  const containerId = (JSON.parse(new TextDecoder().decode(container)) as { id: string }).id;
  const logged = await appendAccessLog(
    source,
    {
      site: author.site,
      who: { name: author.name, profession: author.profession },
      tier: 'full',
      updatedToVersion: version,
    },
    { now },
  );
  return ok({ before: current.value, version, containerId, logged });
}
