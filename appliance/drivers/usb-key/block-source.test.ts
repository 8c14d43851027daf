import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from './block-source.ts';
import { faultySource, memorySource } from '../../record/block-source.ts';
import { BlockIoError } from '../../record/block-source.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baladeur-bs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('block sources', () => {
  it('fileSource reads and writes an image file, read-only refuses writes', () => {
    const file = path.join(dir, 'k.img');
    fs.writeFileSync(file, new Uint8Array(4096).fill(1));
    const rw = fileSource(file, { readOnly: false });
    expect(rw.size).toBe(4096);
    rw.write(512, new Uint8Array(512).fill(9));
    rw.flush();
    rw.close();
    const ro = fileSource(file, { readOnly: true });
    expect(ro.read(512, 4)).toEqual(new Uint8Array([9, 9, 9, 9]));
    expect(() => ro.write(0, new Uint8Array(512))).toThrow(BlockIoError);
    ro.close();
    expect(() => ro.read(0, 512)).toThrow(/closed/);
  });

  it('fileSource on a missing device → removed', () => {
    try {
      fileSource(path.join(dir, 'nope'), { readOnly: true });
      expect.unreachable();
    } catch (error) {
      expect(error instanceof BlockIoError && error.kind).toBe('removed');
    }
  });

  it('faultySource cuts writes after N and stays pulled', () => {
    const bytes = new Uint8Array(2048);
    const f = faultySource(memorySource(bytes), { failWriteAfterWrites: 1 });
    f.write(0, new Uint8Array(512).fill(1));
    expect(() => f.write(512, new Uint8Array(512).fill(1))).toThrow(BlockIoError);
    expect(bytes[512]).toBe(0);
    expect(() => f.read(0, 512)).toThrow(/pulled/);
    expect(f.stats).toEqual({ reads: 0, writes: 1, pulled: true });
  });

  it('faultySource fails a read covering byte N with a medium error', () => {
    const f = faultySource(memorySource(new Uint8Array(2048)), { failReadAtByte: 1000, kind: 'io' });
    expect(f.read(0, 512).byteLength).toBe(512);
    expect(() => f.read(512, 1024)).toThrow(BlockIoError);
    expect(f.read(1536, 512).byteLength).toBe(512);
  });
});
