/**
 * Appending an entry to the access log on the key (docs/access-log.md). The entry is encrypted to
 * the container's log public key first (async); then, in one synchronous pass, the preallocated
 * log file is located and one slot is overwritten in place. A key without a log file gets one
 * through the careful write path (new file, then switch).
 */
import { createHash } from 'node:crypto';
import type { BlockSource } from '../block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { ACCESS_LOG_PATH, RECORD_PATH } from '../container/layout.ts';
import { containerLogPublicKey } from '../container/index.ts';
import { MAX_CONTAINER_BYTES } from '../crypto/padding.ts';
import { fatError, mapForInPlaceWrite, readKeyFile, writeKeyFile, writeInPlace } from '../fat/index.ts';
import type { AccessLogError } from './errors.ts';
import { encryptEntry, type AccessLogEntry } from './entry.ts';
import {
  decodeSlots,
  emptyAccessLog,
  encodeSlot,
  hasValidHeader,
  HEADER_BYTES,
  LOG_FILE_BYTES,
  nextSlot,
  SLOT_BYTES,
} from './format.ts';

export type NewAccessLogEntry = Omit<AccessLogEntry, 'when'>;

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fresh(seqSlot: Uint8Array): Uint8Array {
  const file = emptyAccessLog();
  file.set(seqSlot, HEADER_BYTES);
  return file;
}

/**
 * Records one opening of the key. A write-protected key returns 'read_only' (the record itself
 * still reads normally). Never touches the record file.
 */
export async function appendAccessLog(
  source: BlockSource,
  entry: NewAccessLogEntry,
  options: { now: Date },
): Promise<Result<void, AccessLogError>> {
  if (source.readOnly) return err(fatError('read_only'));
  const container = readKeyFile(source, RECORD_PATH, { maxBytes: MAX_CONTAINER_BYTES });
  if (!container.ok) return container;
  const publicKey = containerLogPublicKey(container.value);
  if (!publicKey.ok) return publicKey;
  const jwe = await encryptEntry({ ...entry, when: options.now.toISOString() }, { ...publicKey.value });

  // From here on, synchronous: the key cannot change under us between the checks and the write.
  const again = readKeyFile(source, RECORD_PATH, { maxBytes: MAX_CONTAINER_BYTES });
  if (!again.ok) return again;
  if (digest(again.value) !== digest(container.value)) {
    return err({ code: 'key_changed', message: 'The key changed while the access was being recorded.' });
  }
  const map = mapForInPlaceWrite(source, ACCESS_LOG_PATH, {
    maxBytes: LOG_FILE_BYTES,
    protect: [RECORD_PATH],
  });
  if (!map.ok && map.error.code === 'not_found')
    return writeKeyFile(source, ACCESS_LOG_PATH, fresh(encodeSlot(1, jwe)));
  if (!map.ok) return map;
  if (!hasValidHeader(map.value.content)) {
    // Not a log this version can extend (foreign or damaged): start a new one, carefully.
    return writeKeyFile(source, ACCESS_LOG_PATH, fresh(encodeSlot(1, jwe)));
  }
  const { index, seq } = nextSlot(decodeSlots(map.value.content));
  const written = writeInPlace(source, map.value, HEADER_BYTES + index * SLOT_BYTES, encodeSlot(seq, jwe));
  return written.ok ? ok(undefined) : written;
}
