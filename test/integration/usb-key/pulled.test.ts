/**
 * HZ-14 a key pulled at every read and at every write step: the record stays readable (old or
 * new), and for the kiosk's own write (the access log) `fsck.vfat -n` stays clean at every cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultySource, memorySource } from '../../../appliance/record/block-source.ts';
import { createKeyImage, readKeyFile, writeKeyFile } from '../../../appliance/record/fat/index.ts';
import { ACCESS_LOG_PATH, RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { sealContainer } from '../../../appliance/record/container/index.ts';
import { generatePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { appendAccessLog } from '../../../appliance/record/access-log/index.ts';
import { fsck, workdir } from './images.ts';

const wd = workdir();
afterAll(() => wd.cleanup());
const OFFSET = 2048 * 512;
const oldRecord = new TextEncoder().encode('old'.repeat(4_000));
const newRecord = new TextEncoder().encode('new'.repeat(3_000));
const entry = {
  site: 'CHU Test',
  who: { name: 'Dr Test', profession: 'nurse' as const },
  tier: 'emergency' as const,
  breakGlassReason: 'unconscious',
};

function readRecord(image: Uint8Array): string {
  const r = readKeyFile(memorySource(image), RECORD_PATH, { maxBytes: 1 << 20 });
  return r.ok ? new TextDecoder().decode(r.value).slice(0, 3) : `error:${r.error.code}`;
}

describe('HZ-14 pulled mid-read', () => {
  it('HZ-14 a pull at every read ends in removed, and the key reads afterwards', () => {
    const image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 8 << 20 });
    expect(writeKeyFile(memorySource(image), RECORD_PATH, oldRecord).ok).toBe(true);
    let reads = 0;
    for (;;) {
      const source = faultySource(memorySource(image, { readOnly: true }), { removeAfterReads: reads });
      const r = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 20 });
      if (r.ok) break;
      expect(r.error.code).toBe('removed');
      reads += 1;
    }
    expect(reads).toBeGreaterThan(5);
    expect(readRecord(image)).toBe('old');
  });
});

describe('HZ-14 pulled mid-write', () => {
  it('HZ-14 replacing the record: cut after every sector, the old or the new record reads', () => {
    const base = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 8 << 20 });
    expect(writeKeyFile(memorySource(base), RECORD_PATH, oldRecord).ok).toBe(true);
    const full = faultySource(memorySource(new Uint8Array(base)), {});
    expect(writeKeyFile(full, RECORD_PATH, newRecord).ok).toBe(true);
    const total = full.stats.writes;
    const seen = new Set<string>();
    for (let n = 0; n < total; n += 1) {
      const image = new Uint8Array(base);
      const r = writeKeyFile(
        faultySource(memorySource(image), { failWriteAfterWrites: n }),
        RECORD_PATH,
        newRecord,
      );
      expect(!r.ok && r.error.code).toBe('removed');
      const got = readRecord(image);
      expect(['old', 'new']).toContain(got);
      seen.add(got);
      // The next write on the same key repairs whatever the pull left half-done.
      expect(writeKeyFile(memorySource(image), RECORD_PATH, newRecord).ok).toBe(true);
      expect(readRecord(image)).toBe('new');
    }
    expect(seen).toEqual(new Set(['old', 'new']));
  }, 60_000);

  describe('the access log', () => {
    let base: Uint8Array;
    beforeAll(async () => {
      const enc = new TextEncoder();
      const container = await sealContainer({
        tiers: { full: enc.encode('{"t":"full"}'), emergency: enc.encode('{"t":"emergency"}') },
        code: generatePatientCode(),
        emergencyKeys: [],
        p2c: 1000,
      });
      base = createKeyImage({ layout: 'partitioned', fat: 'fat32', sizeBytes: 40 << 20 });
      expect(writeKeyFile(memorySource(base), RECORD_PATH, container).ok).toBe(true);
      expect((await appendAccessLog(memorySource(base), entry, { now: new Date() })).ok).toBe(true);
    });

    it('HZ-14 appending: cut after every sector, record intact and fsck.vfat -n clean', async () => {
      const record = readKeyFile(memorySource(base), RECORD_PATH, { maxBytes: 1 << 24 });
      const full = faultySource(memorySource(new Uint8Array(base)), {});
      expect((await appendAccessLog(full, entry, { now: new Date() })).ok).toBe(true);
      const total = full.stats.writes;
      expect(total).toBeGreaterThan(0);
      for (let n = 0; n <= total; n += 1) {
        const image = new Uint8Array(base);
        const r = await appendAccessLog(
          faultySource(memorySource(image), { failWriteAfterWrites: n }),
          entry,
          {
            now: new Date(),
          },
        );
        expect(r.ok).toBe(n === total);
        const after = readKeyFile(memorySource(image), RECORD_PATH, { maxBytes: 1 << 24 });
        expect(after.ok && record.ok && Buffer.from(after.value).equals(Buffer.from(record.value))).toBe(
          true,
        );
        expect(readKeyFile(memorySource(image), ACCESS_LOG_PATH, { maxBytes: 1 << 20 }).ok).toBe(true);
        const check = fsck(image, OFFSET, wd);
        expect(check.clean, check.output).toBe(true);
      }
    });

    it('HZ-14 creating the log on a key without one: cut after every sector, the record stays intact', async () => {
      const enc = new TextEncoder();
      const container = await sealContainer({
        tiers: { full: enc.encode('{"t":"full"}'), emergency: enc.encode('{"t":"emergency"}') },
        code: generatePatientCode(),
        emergencyKeys: [],
        p2c: 1000,
      });
      const fresh = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 8 << 20 });
      expect(writeKeyFile(memorySource(fresh), RECORD_PATH, container).ok).toBe(true);
      const full = faultySource(memorySource(new Uint8Array(fresh)), {});
      expect((await appendAccessLog(full, entry, { now: new Date() })).ok).toBe(true);
      for (let n = 0; n < full.stats.writes; n += 1) {
        const image = new Uint8Array(fresh);
        await appendAccessLog(faultySource(memorySource(image), { failWriteAfterWrites: n }), entry, {
          now: new Date(),
        });
        const after = readKeyFile(memorySource(image), RECORD_PATH, { maxBytes: 1 << 24 });
        expect(after.ok && Buffer.from(after.value).equals(Buffer.from(container))).toBe(true);
        if (n % 10 === 0)
          expect((await appendAccessLog(memorySource(image), entry, { now: new Date() })).ok).toBe(true);
      }
    });
  });
});
