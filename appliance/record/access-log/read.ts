/** Reading the access log with the patient code (docs/access-log.md). */
import type { BlockSource } from '../block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { ACCESS_LOG_PATH, RECORD_PATH } from '../container/layout.ts';
import { unlockLogKey } from '../container/index.ts';
import { MAX_CONTAINER_BYTES } from '../crypto/padding.ts';
import { readKeyFile } from '../fat/index.ts';
import type { AccessLogError } from './errors.ts';
import { decryptEntry, type AccessLogEntry } from './entry.ts';
import { decodeSlots, hasValidHeader, LOG_FILE_BYTES, usedSlotCount } from './format.ts';

export interface AccessLog {
  /** Newest first; at most LOG_SLOTS. */
  readonly entries: readonly AccessLogEntry[];
  /** Slots that hold something that is not a readable entry (torn by a pulled key, or forged). */
  readonly unreadableSlots: number;
}

/** The log in detail: entries newest first and the count of unreadable slots. */
export async function readAccessLogDetails(
  source: BlockSource,
  code: string,
): Promise<Result<AccessLog, AccessLogError>> {
  const container = readKeyFile(source, RECORD_PATH, { maxBytes: MAX_CONTAINER_BYTES });
  if (!container.ok) return container;
  const file = readKeyFile(source, ACCESS_LOG_PATH, { maxBytes: LOG_FILE_BYTES });
  if (!file.ok && file.error.code !== 'not_found') return file;
  const key = await unlockLogKey(container.value, code);
  if (!key.ok) return key;
  if (!file.ok) return ok({ entries: [], unreadableSlots: 0 });
  if (!hasValidHeader(file.value)) {
    return err({ code: 'log_damaged', message: 'The access log on this key is not in a known format.' });
  }
  const slots = decodeSlots(file.value).sort((a, b) => b.seq - a.seq);
  const entries: AccessLogEntry[] = [];
  for (const slot of slots) {
    const entry = await decryptEntry(slot.jwe, key.value);
    if (entry) entries.push(entry);
  }
  return ok({ entries, unreadableSlots: usedSlotCount(file.value) - entries.length });
}

/** The entries the patient can read with their code, newest first. */
export async function readAccessLog(
  source: BlockSource,
  code: string,
): Promise<Result<AccessLogEntry[], AccessLogError>> {
  const details = await readAccessLogDetails(source, code);
  return details.ok ? ok([...details.value.entries]) : details;
}
