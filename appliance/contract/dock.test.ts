import { describe, expect, it } from 'vitest';
import { DockCardInsertSchema, DockKeyInsertSchema, DockPrinterRequestSchema } from './dock.ts';
import { DOCK_MID_JOB_FAULTS, DOCK_PRINTER_STATES } from './dock-printer.ts';

describe('dock request schemas', () => {
  it('a key is inserted from an image file or a demo key, with optional simulated faults', () => {
    expect(DockKeyInsertSchema.safeParse({ image: '/tmp/k.img' }).success).toBe(true);
    expect(DockKeyInsertSchema.safeParse({ demo: 'IPS_IG-bundle-01', readOnly: true }).success).toBe(true);
    expect(
      DockKeyInsertSchema.safeParse({ demo: 'x', failReadAtByte: 4096, failWriteAfterWrites: 2 }).success,
    ).toBe(true);
    expect(DockKeyInsertSchema.safeParse({ blank: true }).success).toBe(true);
    expect(DockKeyInsertSchema.safeParse({ blank: false }).success).toBe(false);
    expect(DockKeyInsertSchema.safeParse({ blank: true, demo: 'x' }).success).toBe(false);
  });

  it('refuses a key insert with neither or both sources, a negative fault offset or an unknown field', () => {
    expect(DockKeyInsertSchema.safeParse({}).success).toBe(false);
    expect(DockKeyInsertSchema.safeParse({ image: '/tmp/k.img', demo: 'x' }).success).toBe(false);
    expect(DockKeyInsertSchema.safeParse({ demo: 'x', failReadAtByte: -1 }).success).toBe(false);
    expect(DockKeyInsertSchema.safeParse({ demo: 'x', mount: true }).success).toBe(false);
    expect(DockKeyInsertSchema.safeParse({ image: '' }).success).toBe(false);
  });

  it('a card is inserted by profile name only', () => {
    expect(DockCardInsertSchema.safeParse({ profile: 'nurse' }).success).toBe(true);
    expect(DockCardInsertSchema.safeParse({ profile: '' }).success).toBe(false);
    expect(DockCardInsertSchema.safeParse({ profile: 'nurse', pin: '1234' }).success).toBe(false);
  });

  it('every printer state is accepted; a mid-job fault only for the states that can happen mid-job', () => {
    for (const state of DOCK_PRINTER_STATES) {
      expect(DockPrinterRequestSchema.safeParse({ state }).success).toBe(true);
    }
    for (const state of DOCK_MID_JOB_FAULTS) {
      expect(DockPrinterRequestSchema.safeParse({ state, afterBytes: 400 }).success).toBe(true);
    }
    expect(DockPrinterRequestSchema.safeParse({ state: 'unplugged', afterBytes: 400 }).success).toBe(false);
    expect(DockPrinterRequestSchema.safeParse({ state: 'paper_out', afterBytes: -1 }).success).toBe(false);
    expect(DockPrinterRequestSchema.safeParse({ state: 'on_fire' }).success).toBe(false);
  });
});
