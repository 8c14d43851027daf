/**
 * Issue 16, *Nouveau dossier*: what the key worker reports for a stick without a record, built
 * with the real mkfs tools. A FAT volume without a record is `not_a_baladeur_key` (a signing card
 * may write a new record there: the write is checked here); a stick with no FAT volume at all
 * (exFAT, NTFS, ext4, zeroed, a partition table without FAT) is `not_fat`: the kiosk does not
 * format sticks, so it is offered nothing, and reading it changes none of its bytes.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../../appliance/drivers/usb-key/block-source.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { readKeyFile } from '../../../appliance/record/fat/index.ts';
import { writeRecordToKey } from '../../../appliance/record/write-record.ts';
import { KeyWorker } from '../../../appliance/server/key-worker/client.ts';
import { foreignSticks, type ForeignStick } from './foreign-images.ts';
import { workdir } from './images.ts';

const budgets = { readMs: 10_000, unlockMs: 20_000, appendMs: 10_000, bootMs: 60_000 };
const setup = {
  trustAnchorsPem: [],
  emergencyKeyring: [],
  kioskSecret: new Uint8Array(32).fill(7),
  siteName: 'Test site',
};

const wd = workdir();
let sticks: ForeignStick[] = [];
beforeAll(() => {
  sticks = foreignSticks(wd);
});
afterAll(() => wd.cleanup());

async function readThroughWorker(file: string, readOnly = false) {
  const worker = new KeyWorker(setup, budgets);
  await worker.started;
  worker.attach({ kind: 'image', path: file, readOnly });
  try {
    return await worker.read();
  } finally {
    worker.close();
  }
}

describe('sticks without a record, through the key worker', () => {
  it('each kind reads as not_fat or not_a_baladeur_key, and the read leaves its bytes as they were', async () => {
    const seen: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const stick of sticks) {
      const before = fs.readFileSync(stick.file);
      const read = await readThroughWorker(stick.file);
      seen[stick.name] = read.ok ? 'read' : read.error;
      expected[stick.name] = stick.expected;
      expect(fs.readFileSync(stick.file).equals(before), stick.name).toBe(true);
    }
    expect(seen).toEqual(expected);
    expect(Object.keys(seen)).toHaveLength(9);
  }, 180_000);

  it('HZ-22 a write-protected FAT stick without a record: write_protected (nothing can be written there)', async () => {
    const fat = sticks.find((s) => s.name === 'fat-photos');
    if (!fat) throw new Error('no FAT stick');
    const read = await readThroughWorker(fat.file, true);
    expect(read.ok ? 'read' : read.error).toBe('write_protected');
  }, 60_000);

  it('HZ-22 a record can be written where a new one is offered (FAT), and nowhere else', () => {
    const container = new TextEncoder().encode('{"not":"a real container, only bytes to place"}');
    for (const stick of sticks) {
      const source = fileSource(stick.file, { readOnly: false });
      try {
        const written = writeRecordToKey(source, container);
        if (stick.expected === 'not_a_baladeur_key') {
          expect(written.ok, stick.name).toBe(true);
          const back = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 20 });
          expect(back.ok && Buffer.from(back.value).equals(Buffer.from(container)), stick.name).toBe(true);
        } else {
          expect(written.ok ? 'written' : written.error.code, stick.name).toMatch(/^(not_fat|exfat|ntfs)$/);
        }
      } finally {
        source.close();
      }
    }
  });
});
