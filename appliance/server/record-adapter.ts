/**
 * The record layer (appliance/record/) behind the `RecordPort` the shell uses: reads the
 * container through the user-space FAT layer, opens it, summarises it, and maps every typed
 * failure to what the screen says. Decrypted bundles never leave this function's scope: only
 * the summary view model goes on.
 */
import type { JWK } from 'jose';
import { err, ok, type Result } from '../common/result.ts';
import { appendAccessLog, readAccessLogDetails } from '../record/access-log/index.ts';
import {
  inspectContainer,
  openWithCode,
  openWithEmergencyKey,
  RECORD_PATH,
  type OpenedRecord as RecordOpened,
  type RecordErrorCode,
} from '../record/container/index.ts';
import { DEFAULT_OUTDATED_AFTER_MONTHS, verificationView } from '../record/crypto/view.ts';
import type { Profession } from '../common/professions.ts';
import type { SigningRevocationConfig } from '../common/revocation.ts';
import { MAX_CONTAINER_BYTES } from '../record/crypto/padding.ts';
import { readKeyFile, type FatErrorCode } from '../record/fat/index.ts';
import { summarize } from '../record/ips/index.ts';
import type { KeyErrorReason } from '../contract/session-view.ts';
import { pseudonymousRecordId } from './audit/pseudonym.ts';
import type { OpenedRecord, RecordPort } from './ports.ts';
import type { OpenFailure } from './session/events.ts';

export function fatReason(code: FatErrorCode): KeyErrorReason {
  switch (code) {
    case 'not_fat':
    case 'exfat':
    case 'ntfs':
      return 'not_fat';
    case 'no_container':
    case 'not_found':
      return 'not_a_baladeur_key';
    case 'several_containers':
      return 'corrupt_record';
    case 'too_large':
      return 'too_large';
    case 'removed':
      return 'removed_while_reading';
    case 'corrupt':
    case 'too_many_entries':
    case 'too_deep':
    case 'io':
    case 'read_only':
    case 'no_space':
      return 'unreadable';
  }
}

export function recordFailure(code: RecordErrorCode, via: 'code' | 'emergency'): OpenFailure {
  switch (code) {
    case 'not_a_container':
      return 'not_a_baladeur_key';
    case 'unsupported_version':
      return 'unsupported_version';
    case 'too_large':
      return 'too_large';
    case 'wrong_code':
      return 'wrong_code';
    case 'code_typo':
      return 'typo';
    case 'no_usable_key':
      return via === 'emergency' ? 'emergency_unavailable' : 'corrupt_record';
    case 'malformed':
    case 'corrupt':
    case 'invalid_content':
      return 'corrupt_record';
  }
}

export interface RecordAdapterOptions {
  /** Authorities trusted for record signers (config `recordSigning.trustAnchors`, else `trustAnchors`). */
  readonly trustAnchorsPem: readonly string[];
  /** Config `recordSigning.professions`; default doctor, midwife (record/crypto/verify.ts). */
  readonly signerProfessions?: readonly Profession[];
  /** Config `revocation`: the site's CRLs, the signer's card judged at the signing time (HZ-26). */
  readonly revocation?: SigningRevocationConfig;
  /** Config `recordSigning.outdatedAfterMonths`; default 12 (HZ-05). */
  readonly outdatedAfterMonths?: number;
  readonly emergencyKeyring: readonly JsonWebKey[];
  readonly kioskSecret: Uint8Array;
  readonly siteName: string;
  readonly now?: () => Date;
}

export function createRecordPort(options: RecordAdapterOptions): RecordPort {
  const now = options.now ?? (() => new Date());
  const signerPolicy = {
    ...(options.signerProfessions === undefined ? {} : { signerProfessions: options.signerProfessions }),
    ...(options.revocation === undefined ? {} : { revocation: options.revocation }),
  };
  const opened = (record: RecordOpened): OpenedRecord => ({
    tier: record.tier,
    record: {
      recordId: pseudonymousRecordId(options.kioskSecret, record.containerId),
      summary: summarize(record.bundle),
      verification: verificationView(record.verification, {
        now: now(),
        outdatedAfterMonths: options.outdatedAfterMonths ?? DEFAULT_OUTDATED_AFTER_MONTHS,
      }),
    },
  });
  const finish = (
    result: Result<RecordOpened, { code: RecordErrorCode }>,
    via: 'code' | 'emergency',
  ): Result<OpenedRecord, OpenFailure> =>
    result.ok ? ok(opened(result.value)) : err(recordFailure(result.error.code, via));

  return {
    recordIdOf(container) {
      const info = inspectContainer(container);
      return info.ok ? pseudonymousRecordId(options.kioskSecret, info.value.id) : undefined;
    },
    async readContainer(source) {
      const result = readKeyFile(source, RECORD_PATH, { maxBytes: MAX_CONTAINER_BYTES });
      return result.ok ? ok(result.value) : err(fatReason(result.error.code));
    },
    async openWithCode(container, code) {
      const result = await openWithCode(container, code, {
        tier: 'full',
        trustAnchorsPem: options.trustAnchorsPem,
        ...signerPolicy,
        now: now(),
      });
      return finish(result, 'code');
    },
    async openEmergency(container) {
      if (options.emergencyKeyring.length === 0) return err('emergency_unavailable');
      const result = await openWithEmergencyKey(container, options.emergencyKeyring as JWK[], {
        trustAnchorsPem: options.trustAnchorsPem,
        ...signerPolicy,
        now: now(),
      });
      return finish(result, 'emergency');
    },
    async readAccessLog(source, code) {
      const log = await readAccessLogDetails(source, code);
      if (!log.ok)
        return { status: 'failed', reason: log.error.code === 'log_damaged' ? 'log_damaged' : 'unreadable' };
      return {
        status: 'ready',
        entries: log.value.entries.map((e) => ({
          when: e.when,
          site: e.site,
          name: e.who.name,
          profession: e.who.profession,
          tier: e.tier,
          ...(e.breakGlassReason !== undefined ? { breakGlassReason: e.breakGlassReason } : {}),
        })),
        unreadable: log.value.unreadableSlots,
      };
    },
    async appendAccessLog(source, entry) {
      const result = await appendAccessLog(
        source,
        {
          site: options.siteName,
          who: { name: entry.by.name, profession: entry.by.profession },
          tier: entry.tier,
          ...(entry.reason !== undefined ? { breakGlassReason: entry.reason } : {}),
        },
        { now: now() },
      );
      if (result.ok) return 'written';
      return result.error.code === 'read_only' ? 'read_only' : 'write_failed';
    },
  };
}
