/**
 * The dev dock's JSON API (simulated mode only, loopback only, no secret; appliance/dev/dock/
 * routes.ts): what scripts, tests and the dock overlay may send, validated with zod at the routes,
 * and what the routes answer. The overlay imports the types only (no zod in the page); the
 * printer's state names it needs as values are in dock-printer.ts.
 */
import { z } from 'zod';
import type { PrinterDiagnostics, ReaderDiagnostics, UsbKeyDiagnostics } from './diagnostics.ts';
import { DOCK_MID_JOB_FAULTS, DOCK_PRINTER_STATES } from './dock-printer.ts';

/** Simulated faults, through the same block-source layer the real driver uses (issue 6). */
const KeyFaults = {
  /** A write-protected key: it reads normally, the access-log entry is reported missing. */
  readOnly: z.boolean().optional(),
  /** The key is pulled when a read reaches this byte offset. */
  failReadAtByte: z.number().int().min(0).optional(),
  /** The key is pulled after this many block writes (mid access-log write). */
  failWriteAfterWrites: z.number().int().min(0).optional(),
  /** The key stops answering after this many block reads, like a failing stick (HZ-13). */
  stallAfterReads: z.number().int().min(0).optional(),
  /** Every write to the key takes this long, like a slow stick. */
  writeDelayMs: z.number().int().min(1).max(60_000).optional(),
};

/** `POST /dev/usb-key/insert`: a key image file, or a demo key by name. */
export const DockKeyInsertSchema = z.union([
  z.object({ image: z.string().min(1).max(4096), ...KeyFaults }).strict(),
  z.object({ demo: z.string().min(1).max(200), ...KeyFaults }).strict(),
  /**
   * A blank stick (an empty FAT16 volume, 16 MiB) held in memory only: the kiosk offers a new
   * record on it (issue 16). What is written to it is gone when it is pulled.
   */
  z.object({ blank: z.literal(true), ...KeyFaults }).strict(),
  /**
   * An export stick of the doctor's software (issue 16, item 5): a blank stick, in memory only,
   * holding the IPS fixture of that name (`test/fixtures/ips/<name>.json`) as `IPS.JSON`.
   */
  z.object({ export: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/), ...KeyFaults }).strict(),
]);
export type DockKeyInsert = z.infer<typeof DockKeyInsertSchema>;

/** `POST /dev/card/insert`: a card profile by name (GET /dev/state lists them). */
export const DockCardInsertSchema = z.object({ profile: z.string().min(1).max(100) }).strict();
export type DockCardInsert = z.infer<typeof DockCardInsertSchema>;

/** `POST /dev/printer/state`: what the simulated printer reports, now or partway through the next job. */
export const DockPrinterRequestSchema = z.union([
  z.object({ state: z.enum(DOCK_PRINTER_STATES) }).strict(),
  z
    .object({ state: z.enum(DOCK_MID_JOB_FAULTS), afterBytes: z.number().int().min(0).max(1_000_000) })
    .strict(),
]);
export type DockPrinterRequest = z.infer<typeof DockPrinterRequestSchema>;

/** A simulated card the dock can insert (demo data: the PINs are public). */
export interface DockProfile {
  readonly profile: string;
  readonly name: string;
  readonly profession: string;
  readonly pin: string;
}

/** A demo key and its patient code (demo data, public). */
export interface DockDemoKey {
  readonly name: string;
  readonly code: string;
}

/** `GET /dev/state`. */
export interface DockStateResponse {
  readonly ok: true;
  readonly devices: {
    readonly card: { readonly profile: string | null; readonly reader: ReaderDiagnostics['status'] };
    readonly usbKey: UsbKeyDiagnostics['status'];
    readonly printer: PrinterDiagnostics['status'];
    /** Jobs the simulated printer confirmed in full since the start. */
    readonly printedJobs: number;
  };
  /** The session's statuses (appliance/dev/dock/state.ts): never clinical content or names. */
  readonly session: unknown;
  readonly profiles: readonly DockProfile[];
  readonly demoKeys: readonly DockDemoKey[];
}

/** `GET /dev/printer/last`: the last job's bytes, decoded. */
export interface DockLastReceiptResponse {
  readonly ok: true;
  readonly bytes: number;
  readonly jobs: number;
  readonly transcript: string;
  /** `data:image/png;base64,…` */
  readonly png: string;
}

/** Any refused request (bad body, unknown profile or demo key, not loopback …). */
export interface DockErrorResponse {
  readonly ok: false;
  readonly error: string;
}
