/**
 * The PC/SC transport as the driver uses it: the small part of the `pcsclite` addon we need, as an
 * interface (a fake can implement it), plus the PC/SC constants and error codes (pcsclite.h).
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

export interface PcscReaderStatus {
  readonly state: number;
  readonly atr?: Buffer;
}

export interface PcscReader extends EventEmitter {
  readonly name: string;
  connect(
    options: { share_mode: number; protocol: number },
    cb: (err: unknown, protocol: number) => void,
  ): void;
  disconnect(disposition: number, cb: (err: unknown) => void): void;
  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (err: unknown, response: Buffer) => void,
  ): void;
  close(): void;
}

export interface PcscContext extends EventEmitter {
  close(): void;
}

/** Opens a PC/SC context. Throws synchronously when pcscd is not running. */
export type OpenPcscContext = () => PcscContext;

export const openPcscliteContext: OpenPcscContext = () => {
  // CommonJS addon, loaded lazily so that importing this module never needs the native build.
  const require = createRequire(import.meta.url);
  const pcsclite = require('pcsclite') as () => PcscContext;
  return pcsclite();
};

// dwEventState bits (pcsclite.h). The upper 16 bits count card insertions/removals (pcsc-lite).
export const SCARD_STATE_UNAVAILABLE = 0x0008;
export const SCARD_STATE_EMPTY = 0x0010;
export const SCARD_STATE_PRESENT = 0x0020;
export const SCARD_STATE_MUTE = 0x0200;
export const SCARD_SHARE_EXCLUSIVE = 1;
export const SCARD_PROTOCOL_T0 = 1;
export const SCARD_PROTOCOL_T1 = 2;
export const SCARD_UNPOWER_CARD = 2;

export const eventCount = (state: number): number => state >>> 16;

const REMOVED_CODES = new Set([
  0x80100069, // SCARD_W_REMOVED_CARD
  0x8010000c, // SCARD_E_NO_SMARTCARD
  0x80100068, // SCARD_W_RESET_CARD
  0x80100067, // SCARD_W_UNPOWERED_CARD
  0x80100017, // SCARD_E_READER_UNAVAILABLE
  0x80100009, // SCARD_E_UNKNOWN_READER
]);
const SERVICE_CODES = new Set([
  0x8010001d, // SCARD_E_NO_SERVICE
  0x8010001e, // SCARD_E_SERVICE_STOPPED
  0x80100003, // SCARD_E_INVALID_HANDLE (context gone with pcscd)
]);

export type PcscErrorClass = 'removed' | 'service' | 'other';

/** Classifies an addon error by the PC/SC code it carries ("SCardTransmit error: …(0x80100069)"). */
export function classifyPcscError(error: unknown): { kind: PcscErrorClass; code: string } {
  const message = error instanceof Error ? error.message : String(error);
  const match = /0x([0-9a-f]{8})/i.exec(message);
  const code = match?.[1] === undefined ? 0 : Number.parseInt(match[1], 16);
  const text = `0x${code.toString(16).padStart(8, '0')}`;
  if (REMOVED_CODES.has(code)) return { kind: 'removed', code: text };
  if (SERVICE_CODES.has(code)) return { kind: 'service', code: text };
  return { kind: 'other', code: text };
}

/** Readers on a contactless interface are never used for professional cards. */
export function isContactless(name: string): boolean {
  return /contactless|\bPICC\b|\bNFC\b|\bCL\b/i.test(name);
}
