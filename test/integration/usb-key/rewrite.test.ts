/**
 * Rewriting the record leaves nothing of the previous container on the key (its clusters are
 * overwritten before they are freed), and no directory entry carries a date of writing.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { faultySource, memorySource } from '../../../appliance/record/block-source.ts';
import { createKeyImage, readKeyFile, writeKeyFile } from '../../../appliance/record/fat/index.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { sealContainer } from '../../../appliance/record/container/index.ts';
import { generatePatientCode } from '../../../appliance/record/code/patient-code.ts';
import { sh, workdir } from './images.ts';

const wd = workdir();
afterAll(() => wd.cleanup());
const OFFSET = 2048 * 512;

async function container(): Promise<Uint8Array> {
  const random = (n: number) =>
    new TextEncoder().encode(Buffer.from(crypto.getRandomValues(new Uint8Array(n))).toString('base64'));
  return sealContainer({
    tiers: { full: random(30_000), emergency: random(8_000) },
    code: generatePatientCode(),
    emergencyKeys: [],
    p2c: 1000,
  });
}

/** 32-byte windows of `old` (its JSON, not the space padding) that the new container does not also hold. */
function distinctiveWindows(old: Uint8Array, fresh: Uint8Array): Buffer[] {
  const text = Buffer.from(old);
  const end = text.lastIndexOf(0x7d) + 1;
  const freshText = Buffer.from(fresh);
  const windows: Buffer[] = [];
  for (let at = 0; at + 32 <= end; at += 16) {
    const w = text.subarray(at, at + 32);
    if (freshText.indexOf(w) < 0) windows.push(w);
  }
  return windows;
}

/**
 * The windows found in `disk`. Files start on sector boundaries, so a window taken at a multiple of
 * 16 in the file sits at a multiple of 16 on the disk: one set lookup per 16 bytes.
 */
function foundOn(disk: Uint8Array, windows: readonly Buffer[]): string[] {
  const wanted = new Set(windows.map((w) => w.toString('latin1')));
  const hits: string[] = [];
  const bytes = Buffer.from(disk.buffer, disk.byteOffset, disk.byteLength);
  for (let at = 0; at + 32 <= bytes.length; at += 16) {
    if (bytes[at] === 0 && bytes[at + 31] === 0) continue;
    const w = bytes.toString('latin1', at, at + 32);
    if (wanted.has(w)) hits.push(w);
  }
  return hits;
}

describe('rewriting a record', () => {
  it.each(['fat16', 'fat32'] as const)(
    'HZ-05 after a rewrite no byte sequence of the old container is left in the %s image',
    async (fat) => {
      const image = createKeyImage({
        layout: 'partitioned',
        fat,
        sizeBytes: (fat === 'fat32' ? 40 : 8) << 20,
      });
      const old = await container();
      const fresh = await container();
      expect(writeKeyFile(memorySource(image), RECORD_PATH, old).ok).toBe(true);
      const windows = distinctiveWindows(old, fresh);
      expect(windows.length).toBeGreaterThan(1000);
      expect(new Set(foundOn(image, windows)).size).toBe(
        new Set(windows.map((w) => w.toString('latin1'))).size,
      );
      expect(writeKeyFile(memorySource(image), RECORD_PATH, fresh).ok).toBe(true);
      expect(foundOn(image, windows)).toEqual([]);
      const read = readKeyFile(memorySource(image), RECORD_PATH, { maxBytes: 1 << 24 });
      expect(read.ok && Buffer.from(read.value).equals(Buffer.from(fresh))).toBe(true);
      expect(writeKeyFile(memorySource(image), RECORD_PATH, old).ok).toBe(true);
      expect(foundOn(image, distinctiveWindows(fresh, old))).toEqual([]);
    },
  );

  it('mdir shows no date of writing: every entry carries the FAT epoch', async () => {
    const image = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 8 << 20 });
    expect(writeKeyFile(memorySource(image), RECORD_PATH, await container()).ok).toBe(true);
    expect(writeKeyFile(memorySource(image), RECORD_PATH, await container()).ok).toBe(true);
    const file = wd.file('dates.img');
    fs.writeFileSync(file, image);
    const listing = sh('mdir', ['-i', `${file}@@${OFFSET}`, '::/', '::/BALADEUR']);
    const dated = listing.split('\n').filter((line) => /\d{4}-\d{2}-\d{2}/u.test(line));
    expect(dated.length).toBeGreaterThanOrEqual(4);
    for (const line of dated) expect(line).toMatch(/1980-01-01\s+0:00/u);
    expect(listing).not.toMatch(/RECORD\.OLD|RECORD\.NEW|RECORD~1 OLD/u);
  });

  it('HZ-22 pulled after any sector of a rewrite: the old or the new container reads, and the next write leaves none of the old', async () => {
    const base = createKeyImage({ layout: 'partitioned', fat: 'fat16', sizeBytes: 8 << 20 });
    const old = await container();
    const fresh = await container();
    const later = await container();
    expect(writeKeyFile(memorySource(base), RECORD_PATH, old).ok).toBe(true);
    const full = faultySource(memorySource(new Uint8Array(base)), {});
    expect(writeKeyFile(full, RECORD_PATH, fresh).ok).toBe(true);
    const total = full.stats.writes;
    const oldWindows = distinctiveWindows(old, later);
    const seen = new Set<string>();
    // Every 37th cut through the new file's data, then every single cut from its last data
    // sectors on: the FAT and directory updates, both renames and the whole wipe.
    const dataSectors = Math.ceil(fresh.byteLength / 512);
    expect(total).toBeGreaterThan(2 * dataSectors);
    for (let n = 0; n < total; n += n < dataSectors - 20 ? 37 : 1) {
      const image = new Uint8Array(base);
      const cut = writeKeyFile(
        faultySource(memorySource(image), { failWriteAfterWrites: n }),
        RECORD_PATH,
        fresh,
      );
      expect(cut.ok).toBe(false);
      const read = readKeyFile(memorySource(image), RECORD_PATH, { maxBytes: 1 << 24 });
      const got = !read.ok
        ? 'neither'
        : Buffer.from(read.value).equals(Buffer.from(old))
          ? 'old'
          : Buffer.from(read.value).equals(Buffer.from(fresh))
            ? 'new'
            : 'neither';
      expect(got, `cut after ${n} writes`).not.toBe('neither');
      seen.add(got);
      expect(writeKeyFile(memorySource(image), RECORD_PATH, later).ok).toBe(true);
      expect(foundOn(image, oldWindows), `cut after ${n} writes`).toEqual([]);
    }
    expect(seen).toEqual(new Set(['old', 'new']));
  }, 120_000);
});
