/**
 * What the dev dock can do to the simulated receipt printer (issue 5), shared by the dock's JSON
 * API and its overlay. Simulated mode only. No zod here: the overlay imports these values; the
 * request's schema is in dock.ts.
 *
 * - `ready`, `paper_out`, `cover_open`, `offline`: what the printer reports (DLE EOT and ASB).
 * - `silent`: connected but answers nothing (no DLE EOT, GS r or ASB answer) — a hung printer.
 * - `unplugged`: switched off or cable pulled — connections are refused.
 * With `afterBytes`, a reported fault happens only once that many more bytes of the next job have
 * gone to paper: the paper runs out, or the cover is opened, in the middle of a receipt.
 */
export const DOCK_PRINTER_STATES = [
  'ready',
  'paper_out',
  'cover_open',
  'offline',
  'silent',
  'unplugged',
] as const;
export type DockPrinterState = (typeof DOCK_PRINTER_STATES)[number];

export const DOCK_MID_JOB_FAULTS = ['paper_out', 'cover_open', 'offline'] as const;
export type DockMidJobFault = (typeof DOCK_MID_JOB_FAULTS)[number];

/** Where the overlay's "mid-job" buttons cut a receipt: past the header, before the allergies end. */
export const DOCK_MID_JOB_AFTER_BYTES = 400;
