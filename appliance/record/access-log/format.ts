/**
 * The access-log file `BALADEUR/ACCESS.LOG` (docs/access-log.md): a fixed-size ring of 50 slots,
 * preallocated once, so that appending never changes the FAT or a directory — only the sectors of
 * one slot. A torn slot fails its checksum and is skipped; nothing else on the key is touched.
 *
 *   header  4096 bytes   ASCII "BALADEUR-ACCESS-LOG 1\n…", zero-padded
 *   slot×50 2048 bytes   "BALS" | seq u32 BE | len u16 BE | 0 0 | SHA-256(seq‖len‖jwe)[0..16] | jwe | zeros
 */
import { createHash } from 'node:crypto';

export const LOG_SLOTS = 50;
export const SLOT_BYTES = 2048;
export const HEADER_BYTES = 4096;
export const LOG_FILE_BYTES = HEADER_BYTES + LOG_SLOTS * SLOT_BYTES;
const HEADER_TEXT = `BALADEUR-ACCESS-LOG 1\nslots=${LOG_SLOTS} slot-bytes=${SLOT_BYTES}\n`;
const SLOT_MAGIC = [0x42, 0x41, 0x4c, 0x53]; // "BALS"
const SLOT_HEAD = 28;
export const MAX_JWE_BYTES = SLOT_BYTES - SLOT_HEAD;

export interface Slot {
  readonly index: number;
  readonly seq: number;
  readonly jwe: string;
}

export function emptyAccessLog(): Uint8Array {
  const file = new Uint8Array(LOG_FILE_BYTES);
  file.set(new TextEncoder().encode(HEADER_TEXT), 0);
  return file;
}

export function hasValidHeader(file: Uint8Array): boolean {
  if (file.byteLength !== LOG_FILE_BYTES) return false;
  const expected = new TextEncoder().encode(HEADER_TEXT);
  return expected.every((b, i) => file[i] === b);
}

function checksum(seqAndLength: Uint8Array, jwe: Uint8Array): Uint8Array {
  return createHash('sha256').update(seqAndLength).update(jwe).digest().subarray(0, 16);
}

export function encodeSlot(seq: number, jwe: string): Uint8Array {
  const body = new TextEncoder().encode(jwe);
  if (body.byteLength > MAX_JWE_BYTES) throw new RangeError('access-log entry does not fit its slot');
  const slot = new Uint8Array(SLOT_BYTES);
  const view = new DataView(slot.buffer);
  slot.set(SLOT_MAGIC, 0);
  view.setUint32(4, seq);
  view.setUint16(8, body.byteLength);
  slot.set(checksum(slot.subarray(4, 10), body), 12);
  slot.set(body, SLOT_HEAD);
  return slot;
}

/** The valid slots of a log file; empty, torn or foreign slots are left out. */
export function decodeSlots(file: Uint8Array): Slot[] {
  const out: Slot[] = [];
  for (let index = 0; index < LOG_SLOTS; index += 1) {
    const start = HEADER_BYTES + index * SLOT_BYTES;
    const slot = file.subarray(start, start + SLOT_BYTES);
    if (slot.byteLength !== SLOT_BYTES || !SLOT_MAGIC.every((b, i) => slot[i] === b)) continue;
    const view = new DataView(slot.buffer, slot.byteOffset, SLOT_BYTES);
    const length = view.getUint16(8);
    if (length > MAX_JWE_BYTES) continue;
    const body = slot.subarray(SLOT_HEAD, SLOT_HEAD + length);
    const sum = checksum(slot.subarray(4, 10), body);
    if (!sum.every((b, i) => slot[12 + i] === b)) continue;
    out.push({ index, seq: view.getUint32(4), jwe: new TextDecoder().decode(body) });
  }
  return out;
}

/** Where the next entry goes: after the newest valid slot, overwriting the oldest. */
export function nextSlot(slots: readonly Slot[]): { index: number; seq: number } {
  let newest: Slot | undefined;
  for (const s of slots) if (!newest || s.seq > newest.seq) newest = s;
  if (!newest) return { index: 0, seq: 1 };
  return { index: (newest.index + 1) % LOG_SLOTS, seq: (newest.seq + 1) >>> 0 || 1 };
}

/** Slots holding anything at all (valid or not). */
export function usedSlotCount(file: Uint8Array): number {
  let used = 0;
  for (let index = 0; index < LOG_SLOTS; index += 1) {
    const start = HEADER_BYTES + index * SLOT_BYTES;
    if (file.subarray(start, start + SLOT_BYTES).some((b) => b !== 0)) used += 1;
  }
  return used;
}
