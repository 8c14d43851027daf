/**
 * Printer status bytes → PrinterStatus. Bit meanings from the Epson ESC/POS Command Reference:
 * "DLE EOT — Transmit real-time status" (dle_eot.html) and "GS a — Enable/disable Automatic Status
 * Back (ASB)" (gs_la.html); identification of transmitted bytes from its "Identification of send
 * status" table: DLE EOT replies are 0xx1xx10b, the first ASB byte is 0xx1xx00b, the next three
 * ASB bytes and GS r replies are 0xx0xxxxb, XON/XOFF are 11h/13h.
 */
import type { PrinterStatus } from '../types.ts';

const bit = (value: number, n: number): boolean => ((value >> n) & 1) === 1;

export interface RealTimeStatus {
  /** DLE EOT 1: bit 3 offline. */
  readonly printer: number;
  /** DLE EOT 2: bit 2 cover open, bit 5 printing stopped by paper end, bit 6 error. */
  readonly offlineCause: number;
  /** DLE EOT 3: bit 2 recoverable error, bit 3 autocutter error, bit 5 unrecoverable, bit 6 auto-recoverable. */
  readonly errorCause: number;
  /** DLE EOT 4: bits 2–3 roll paper near end, bits 5–6 roll paper end. */
  readonly paper: number;
}

export function isRealTimeReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export function statusFromRealTime(s: RealTimeStatus): PrinterStatus {
  if (![s.printer, s.offlineCause, s.errorCause, s.paper].every(isRealTimeReply)) {
    return { status: 'error', reason: 'unexpected_status_reply' };
  }
  if (bit(s.offlineCause, 2)) return { status: 'cover_open' };
  if (bit(s.offlineCause, 5) || (bit(s.paper, 5) && bit(s.paper, 6))) return { status: 'paper_out' };
  const reason = errorReason(
    bit(s.errorCause, 2),
    bit(s.errorCause, 3),
    bit(s.errorCause, 5),
    bit(s.errorCause, 6),
  );
  if (reason || bit(s.offlineCause, 6)) return { status: 'error', reason: reason ?? 'printer_error' };
  if (bit(s.printer, 3)) return { status: 'offline' };
  return { status: 'ready', paperNearEnd: bit(s.paper, 2) && bit(s.paper, 3) };
}

function errorReason(
  recoverable: boolean,
  cutter: boolean,
  unrecoverable: boolean,
  auto: boolean,
): string | undefined {
  if (unrecoverable) return 'unrecoverable_error';
  if (cutter) return 'autocutter_error';
  if (recoverable) return 'recoverable_error';
  if (auto) return 'head_overheat_or_auto_recoverable';
  return undefined;
}

/** The four ASB bytes (GS a): byte 1 bit 3 offline, bit 5 cover open; byte 2 errors; byte 3 paper. */
export function statusFromAsb(bytes: readonly [number, number, number, number]): PrinterStatus {
  const [b1, b2, b3] = bytes;
  if (bit(b1, 5)) return { status: 'cover_open' };
  if (bit(b3, 2) && bit(b3, 3)) return { status: 'paper_out' };
  const reason = errorReason(bit(b2, 2), bit(b2, 3), bit(b2, 5), bit(b2, 6));
  if (reason) return { status: 'error', reason };
  if (bit(b1, 3)) return { status: 'offline' };
  return { status: 'ready', paperNearEnd: bit(b3, 0) && bit(b3, 1) };
}

export type StatusMessage =
  | { readonly kind: 'realtime'; readonly byte: number }
  | { readonly kind: 'asb'; readonly bytes: readonly [number, number, number, number] }
  | { readonly kind: 'gs_r'; readonly byte: number };

/** Splits the bytes a printer sends back into DLE EOT replies, ASB blocks and GS r replies. */
export class StatusStream {
  private asb: number[] | undefined;

  push(chunk: Uint8Array): StatusMessage[] {
    const out: StatusMessage[] = [];
    for (const byte of chunk) {
      if (byte === 0x11 || byte === 0x13) continue; // XON / XOFF (serial flow control)
      if (this.asb) {
        this.asb.push(byte);
        if (this.asb.length === 4) {
          out.push({ kind: 'asb', bytes: this.asb as [number, number, number, number] });
          this.asb = undefined;
        }
      } else if (isRealTimeReply(byte)) {
        out.push({ kind: 'realtime', byte });
      } else if ((byte & 0x93) === 0x10) {
        this.asb = [byte];
      } else if ((byte & 0x90) === 0) {
        out.push({ kind: 'gs_r', byte });
      }
    }
    return out;
  }
}
