/**
 * HZ-13 hostile keys: every case ends in a typed FatError (or a clean read), never a crash or a
 * hang; each case runs under a 2 s per-case timeout and WASM memory stays bounded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { faultySource, memorySource } from '../../../appliance/record/block-source.ts';
import { readBudgetFor } from '../../../appliance/record/fat/engine.ts';
import { stickBudgetFor } from '../../../appliance/record/fat/stick-budget.ts';
import { fatMemoryBytes, listDir, readKeyFile } from '../../../appliance/record/fat/index.ts';
import { RECORD_PATH } from '../../../appliance/record/container/layout.ts';
import { dirEntry, firstFreeEntry, geometry } from './fat-layout.ts';
import { bootSectorCases } from './hostile-cases-boot-sector.ts';
import { budgetCases, gptWith128LoopingEntries } from './hostile-cases-budget.ts';
import { directoryCases } from './hostile-cases-directories.ts';
import { partitionCases } from './hostile-cases-partitions.ts';
import { readFaultCases } from './hostile-cases-read-faults.ts';
import { recordEntryCases } from './hostile-cases-record-entry.ts';
import { copy16, deepNest, type Case } from './hostile-support.ts';

const cases: Case[] = [
  ...bootSectorCases,
  ...partitionCases,
  ...recordEntryCases,
  ...directoryCases,
  ...readFaultCases,
  ...budgetCases,
];

describe('HZ-13 hostile key corpus', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)(
    'HZ-13 %s → typed result',
    (_name, build, expected) => {
      const built = build();
      const source = built instanceof Uint8Array ? memorySource(built, { readOnly: true }) : built;
      const result = readKeyFile(source, RECORD_PATH, { maxBytes: 1 << 20 });
      const outcome = result.ok ? 'ok' : result.error.code;
      expect(expected).toContain(outcome);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
      // Listing never throws either.
      const listing = listDir(source, '/');
      expect(typeof listing.ok).toBe('boolean');
    },
    2000,
  );

  it('HZ-13 a path nested deeper than the limit → too_deep', () => {
    const result = readKeyFile(
      memorySource(deepNest(12)),
      Array.from({ length: 12 }, (_, i) => `D${String(i).padStart(7, '0')}`).join('/'),
      { maxBytes: 100 },
    );
    expect(!result.ok && result.error.code).toBe('too_deep');
  });

  it('HZ-13 one read budget per stick: 128 GPT entries on one looping volume cost one budget, not 128', () => {
    const source = faultySource(memorySource(gptWith128LoopingEntries(), { readOnly: true }), {});
    const maxBytes = 8 << 20;
    const result = readKeyFile(source, RECORD_PATH, { maxBytes });
    expect(!result.ok && result.error.code).toBe('corrupt');
    const budget = stickBudgetFor(readBudgetFor(maxBytes));
    expect(source.stats.reads).toBeLessThanOrEqual(budget.reads);
    // Per volume, the same key cost 128 probes × ~20 000 reads (2 097 155 reads measured).
    expect(source.stats.reads).toBeLessThan(128 * readBudgetFor(0));
  });

  it('HZ-13 a 4 GB file entry is refused without reading it', () => {
    const image = copy16();
    const g = geometry(image);
    image.set(
      dirEntry('BIG     BIN', 0x20, 3, 0xfffffff0),
      firstFreeEntry(image, g.rootDirOffset, g.rootEntries * 32),
    );
    const listing = listDir(memorySource(image), '/');
    expect(listing.ok && listing.value.find((e) => e.name === 'BIG.BIN')?.size).toBe(0xfffffff0);
    const r = readKeyFile(memorySource(image), 'BIG.BIN', { maxBytes: 1 << 20 });
    expect(!r.ok && r.error.code).toBe('too_large');
  });

  afterAll(() => {
    // HZ-13 memory bounded: the WASM heap never grows with the size of hostile inputs.
    expect(fatMemoryBytes()).toBeLessThanOrEqual(16 * 1024 * 1024);
  });
});
