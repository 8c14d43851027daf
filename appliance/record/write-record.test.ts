import { describe, expect, it } from 'vitest';
import { memorySource } from './block-source.ts';
import { emptyAccessLog, LOG_FILE_BYTES } from './access-log/format.ts';
import { ACCESS_LOG_PATH, RECORD_PATH } from './container/layout.ts';
import { createKeyImage, readKeyFile } from './fat/index.ts';
import { writeRecordToKey } from './write-record.ts';

describe('writeRecordToKey', () => {
  it('HZ-14 writes the record and a fresh access log, so kiosk log writes never touch the FAT', () => {
    const source = memorySource(
      createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 16 * 1024 * 1024 }),
    );
    const container = new TextEncoder().encode('{"format":"baladeur-key"}');
    expect(writeRecordToKey(source, container).ok).toBe(true);
    const record = readKeyFile(source, RECORD_PATH, { maxBytes: 1024 });
    const log = readKeyFile(source, ACCESS_LOG_PATH, { maxBytes: LOG_FILE_BYTES });
    expect(record.ok && Buffer.from(record.value).equals(Buffer.from(container))).toBe(true);
    expect(log.ok && Buffer.from(log.value).equals(Buffer.from(emptyAccessLog()))).toBe(true);
  });

  it('a new record replaces the old log, whose entries were encrypted to the old log key', () => {
    const source = memorySource(
      createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 16 * 1024 * 1024 }),
    );
    expect(writeRecordToKey(source, new TextEncoder().encode('first')).ok).toBe(true);
    expect(writeRecordToKey(source, new TextEncoder().encode('second')).ok).toBe(true);
    const record = readKeyFile(source, RECORD_PATH, { maxBytes: 1024 });
    expect(record.ok && new TextDecoder().decode(record.value)).toBe('second');
  });

  it('a write-protected key is refused with a typed error', () => {
    const source = memorySource(
      createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 16 * 1024 * 1024 }),
      {
        readOnly: true,
      },
    );
    const written = writeRecordToKey(source, new TextEncoder().encode('x'));
    expect(written.ok ? undefined : written.error.code).toBe('read_only');
  });
});
