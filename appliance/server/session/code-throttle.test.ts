import { describe, expect, it } from 'vitest';
import {
  codeBlockedUntil,
  delayAfter,
  MAX_RECORDS,
  withWrongCode,
  type CodeAttemptTable,
} from './code-throttle.ts';

describe('patient-code attempt limit (pure)', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [10, 960_000],
    [12, 3_600_000],
    [1000, 3_600_000],
  ])('after %i wrong codes the delay is %i ms', (failures, ms) => {
    expect(delayAfter(failures)).toBe(ms);
  });

  it('five wrong codes are free; the sixth is blocked for 30 s, then free again', () => {
    let table: CodeAttemptTable = new Map();
    for (let i = 0; i < 4; i++) table = withWrongCode(table, 'r1', 1000);
    expect(codeBlockedUntil(table.get('r1'), 1000)).toBeUndefined();
    table = withWrongCode(table, 'r1', 1000);
    expect(codeBlockedUntil(table.get('r1'), 1000)).toBe(31_000);
    expect(codeBlockedUntil(table.get('r1'), 30_999)).toBe(31_000);
    expect(codeBlockedUntil(table.get('r1'), 31_000)).toBeUndefined();
    table = withWrongCode(table, 'r1', 40_000);
    expect(codeBlockedUntil(table.get('r1'), 40_000)).toBe(100_000);
  });

  it('counts per record: another record is not blocked', () => {
    let table: CodeAttemptTable = new Map();
    for (let i = 0; i < 6; i++) table = withWrongCode(table, 'r1', 0);
    expect(codeBlockedUntil(table.get('r1'), 0)).toBeDefined();
    expect(codeBlockedUntil(table.get('r2'), 0)).toBeUndefined();
  });

  it('remembers a bounded number of records, dropping the oldest', () => {
    let table: CodeAttemptTable = new Map();
    for (let i = 0; i <= MAX_RECORDS; i++) table = withWrongCode(table, `r${i}`, 0);
    expect(table.size).toBe(MAX_RECORDS);
    expect(table.has('r0')).toBe(false);
    expect(table.has(`r${MAX_RECORDS}`)).toBe(true);
  });
});
