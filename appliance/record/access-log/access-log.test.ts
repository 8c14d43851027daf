import { beforeAll, describe, expect, it } from 'vitest';
import { memorySource } from '../block-source.ts';
import { generatePatientCode, type PatientCode } from '../code/patient-code.ts';
import { sealContainer } from '../container/index.ts';
import { RECORD_PATH } from '../container/layout.ts';
import { createKeyImage, readKeyFile, writeKeyFile } from '../fat/index.ts';
import { appendAccessLog, readAccessLogDetails, LOG_SLOTS, type NewAccessLogEntry } from './index.ts';
import { decodeSlots, emptyAccessLog, encodeSlot, nextSlot } from './format.ts';
import { padEntry, ENTRY_PLAINTEXT_BYTES } from './entry.ts';

const nurse = (i: number): NewAccessLogEntry => ({
  site: 'CHU Test',
  who: { name: `Nurse ${i}`, profession: 'nurse' },
  tier: 'emergency',
  breakGlassReason: 'unconscious patient',
});

let code: PatientCode;
let container: Uint8Array;
beforeAll(async () => {
  code = generatePatientCode();
  const enc = new TextEncoder();
  container = await sealContainer({
    tiers: { full: enc.encode('{"t":1}'), emergency: enc.encode('{"t":2}') },
    code,
    emergencyKeys: [],
    p2c: 1000,
  });
});

function key(): Uint8Array {
  const image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 4 << 20 });
  if (!writeKeyFile(memorySource(image), RECORD_PATH, container).ok) throw new Error('key');
  return image;
}

describe('access-log format', () => {
  it('fills the ring in order and then overwrites the oldest slot', () => {
    const file = emptyAccessLog();
    for (let seq = 1; seq <= LOG_SLOTS + 3; seq += 1) {
      const { index, seq: next } = nextSlot(decodeSlots(file));
      expect(next).toBe(seq);
      file.set(encodeSlot(next, `jwe-${seq}`), 4096 + index * 2048);
    }
    const slots = decodeSlots(file);
    expect(slots).toHaveLength(LOG_SLOTS);
    expect(Math.min(...slots.map((s) => s.seq))).toBe(4);
  });

  it('a torn slot fails its checksum and is skipped', () => {
    const file = emptyAccessLog();
    file.set(encodeSlot(1, 'a'.repeat(1500)), 4096);
    file[4096 + 1200] = (file[4096 + 1200] ?? 0) ^ 1;
    expect(decodeSlots(file)).toEqual([]);
  });

  it('entries are padded to one size whatever their length (long texts clipped)', () => {
    const short = padEntry({ when: '2026-01-01T00:00:00.000Z', ...nurse(1) });
    const long = padEntry({
      when: '2026-01-01T00:00:00.000Z',
      ...nurse(1),
      breakGlassReason: 'é'.repeat(5000),
    });
    expect(short.byteLength).toBe(ENTRY_PLAINTEXT_BYTES);
    expect(long.byteLength).toBe(ENTRY_PLAINTEXT_BYTES);
  });
});

describe('access log on a key', () => {
  it('keeps the last 50 entries, newest first, readable only with the patient code', async () => {
    const image = key();
    for (let i = 0; i < LOG_SLOTS + 2; i += 1) {
      const r = await appendAccessLog(memorySource(image), nurse(i), {
        now: new Date(Date.UTC(2026, 0, 1, 0, i)),
      });
      expect(r.ok).toBe(true);
    }
    const log = await readAccessLogDetails(memorySource(image), code);
    expect(log.ok).toBe(true);
    if (!log.ok) return;
    expect(log.value.entries).toHaveLength(LOG_SLOTS);
    expect(log.value.entries[0]?.who.name).toBe(`Nurse ${LOG_SLOTS + 1}`);
    expect(log.value.entries[LOG_SLOTS - 1]?.who.name).toBe('Nurse 2');
    expect(log.value.entries[0]?.breakGlassReason).toBe('unconscious patient');
    const raw = Buffer.from(image).toString('latin1');
    expect(raw.includes('Nurse')).toBe(false);
    expect(raw.includes('CHU Test')).toBe(false);
    const wrong = await readAccessLogDetails(memorySource(image), generatePatientCode());
    expect(!wrong.ok && wrong.error.code).toBe('wrong_code');
  });

  it('a write-protected key reads normally and the append reports read_only', async () => {
    const image = key();
    const ro = memorySource(image, { readOnly: true });
    const r = await appendAccessLog(ro, nurse(1), { now: new Date() });
    expect(!r.ok && r.error.code).toBe('read_only');
    expect(readKeyFile(ro, RECORD_PATH, { maxBytes: 1 << 24 }).ok).toBe(true);
  });

  it('HZ-14 refuses to write a log cross-linked with the record', async () => {
    const image = key();
    expect((await appendAccessLog(memorySource(image), nurse(1), { now: new Date() })).ok).toBe(true);
    // Point ACCESS.LOG's first cluster at RECORD.JSON's first cluster (FAT16 superfloppy).
    const bps = 512;
    const reserved = image[14]! | (image[15]! << 8);
    const fatSectors = image[22]! | (image[23]! << 8);
    const rootEntries = image[17]! | (image[18]! << 8);
    const rootAt = (reserved + 2 * fatSectors) * bps;
    const dataAt = rootAt + rootEntries * 32;
    const spc = image[13]!;
    const find = (from: number, name: string): number => {
      for (let at = from; at < from + spc * bps * 4; at += 32) {
        if (Buffer.from(image.subarray(at, at + 11)).toString('latin1') === name) return at;
      }
      throw new Error(name);
    };
    const dirCluster = (() => {
      for (let at = rootAt; at < dataAt; at += 32) {
        if (Buffer.from(image.subarray(at, at + 11)).toString('latin1') === 'BALADEUR   ')
          return image[at + 26]! | (image[at + 27]! << 8);
      }
      throw new Error('dir');
    })();
    const folder = dataAt + (dirCluster - 2) * spc * bps;
    const rec = find(folder, 'RECORD~1JSO');
    const log = find(folder, 'ACCESS  LOG');
    image[log + 26] = image[rec + 26]!;
    image[log + 27] = image[rec + 27]!;
    const before = readKeyFile(memorySource(image), RECORD_PATH, { maxBytes: 1 << 24 });
    const r = await appendAccessLog(memorySource(image), nurse(2), { now: new Date() });
    expect(!r.ok && r.error.code).toBe('corrupt');
    const after = readKeyFile(memorySource(image), RECORD_PATH, { maxBytes: 1 << 24 });
    expect(before.ok && after.ok && Buffer.from(before.value).equals(Buffer.from(after.value))).toBe(true);
  });
});
