/**
 * The one way a record is written to a key: the sealed container, then a fresh, empty access log.
 * The log is encrypted to the container's log key, so a new record starts a new log; writing the
 * empty log file now (rather than at the first kiosk opening) means every later kiosk write is an
 * in-place slot write that never touches the FAT (docs/access-log.md).
 */
import type { Result } from '../common/result.ts';
import type { BlockSource } from './block-source.ts';
import { emptyAccessLog } from './access-log/format.ts';
import { ACCESS_LOG_PATH, RECORD_PATH } from './container/layout.ts';
import type { FatError } from './fat/errors.ts';
import { writeKeyFile } from './fat/files.ts';

export function writeRecordToKey(source: BlockSource, container: Uint8Array): Result<void, FatError> {
  const record = writeKeyFile(source, RECORD_PATH, container);
  if (!record.ok) return record;
  return writeKeyFile(source, ACCESS_LOG_PATH, emptyAccessLog());
}
