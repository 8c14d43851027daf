/**
 * The one place where APDUs are encoded, sent and their status words interpreted (ISO/IEC 7816-4
 * §5.1, §5.3.4, §5.6): short APDUs only, command chaining above 255 data bytes, GET RESPONSE on
 * `61xx`, re-issue with the right Le on `6Cxx`. Bounded so a hostile card cannot loop us forever.
 */
import type { Result } from '../../common/result.ts';
import { err, ok } from '../../common/result.ts';
import { concatBytes } from './tlv.ts';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  /** Expected response length, 1–256 (256 is encoded `00`); omitted when no data is expected. */
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
}

/** What the transport (PC/SC, a test double) reports when an exchange fails below the APDU level. */
export type TransportError = { readonly kind: 'removed' } | { readonly kind: 'io'; readonly message: string };

export type ApduError = TransportError | { readonly kind: 'malformed_response' };

export type Transmit = (command: Uint8Array) => Promise<Result<Uint8Array, TransportError>>;

const MAX_CHUNK = 255;
/** More than any PIV object we read (a certificate is < 2 KB); a card sending more is hostile. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_EXCHANGES = 300;

export function encodeApdu(apdu: CommandApdu): Uint8Array {
  const data = apdu.data ?? new Uint8Array(0);
  if (data.length > MAX_CHUNK) throw new Error('encodeApdu: data over 255 bytes must be chained');
  if (apdu.le !== undefined && (apdu.le < 1 || apdu.le > 256))
    throw new Error(`encodeApdu: bad Le ${apdu.le}`);
  const header = [apdu.cla, apdu.ins, apdu.p1, apdu.p2];
  const body = data.length > 0 ? [data.length, ...data] : [];
  const le = apdu.le === undefined ? [] : [apdu.le & 0xff];
  return Uint8Array.from([...header, ...body, ...le]);
}

async function exchange(transmit: Transmit, raw: Uint8Array): Promise<Result<ResponseApdu, ApduError>> {
  const res = await transmit(raw);
  if (!res.ok) return res;
  const bytes = res.value;
  if (bytes.length < 2) return err({ kind: 'malformed_response' });
  const n = bytes.length;
  return ok({
    data: bytes.subarray(0, n - 2),
    sw: ((bytes[n - 2] as number) << 8) | (bytes[n - 1] as number),
  });
}

/**
 * Sends `apdu` (chained if needed), collects `61xx` continuations with GET RESPONSE and returns
 * the whole response data with the final status word. Status words are not judged here: see
 * `interpretSw`.
 */
export async function transceive(
  transmit: Transmit,
  apdu: CommandApdu,
): Promise<Result<ResponseApdu, ApduError>> {
  const data = apdu.data ?? new Uint8Array(0);
  let offset = 0;
  // Command chaining (ISO 7816-4 §5.1.1.1): CLA bit 0x10 on every chunk but the last.
  while (data.length - offset > MAX_CHUNK) {
    const chunk = data.subarray(offset, offset + MAX_CHUNK);
    const res = await exchange(
      transmit,
      encodeApdu({ ...apdu, cla: apdu.cla | 0x10, data: chunk, le: undefined }),
    );
    if (!res.ok) return res;
    if (res.value.sw !== 0x9000) return res;
    offset += MAX_CHUNK;
  }
  const last = { ...apdu, data: data.subarray(offset) };
  let res = await exchange(transmit, encodeApdu(last));
  if (!res.ok) return res;
  if (res.value.sw >> 8 === 0x6c) {
    // Wrong Le: the card tells the exact length (§5.3.4); re-issue once.
    const le = res.value.sw & 0xff || 256;
    res = await exchange(transmit, encodeApdu({ ...last, le }));
    if (!res.ok) return res;
  }
  const parts: Uint8Array[] = [res.value.data];
  let total = res.value.data.length;
  let sw = res.value.sw;
  for (let i = 0; sw >> 8 === 0x61; i++) {
    if (i >= MAX_EXCHANGES || total > MAX_RESPONSE_BYTES) return err({ kind: 'malformed_response' });
    const le = sw & 0xff || 256;
    const more = await exchange(transmit, encodeApdu({ cla: apdu.cla & ~0x10, ins: 0xc0, p1: 0, p2: 0, le }));
    if (!more.ok) return more;
    parts.push(more.value.data);
    total += more.value.data.length;
    sw = more.value.sw;
  }
  return ok({ data: parts.length === 1 ? (parts[0] as Uint8Array) : concatBytes(...parts), sw });
}

/** Status words as typed outcomes (ISO 7816-4 §5.6, NIST SP 800-73-4 Part 2 §3). */
export type StatusOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'wrong_pin'; readonly retriesLeft: number }
  | { readonly kind: 'blocked' }
  | { readonly kind: 'security_status_not_satisfied' }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'wrong_data' }
  | { readonly kind: 'wrong_length' }
  | { readonly kind: 'wrong_parameters' }
  | { readonly kind: 'not_supported' }
  | { readonly kind: 'other'; readonly sw: number };

export function interpretSw(sw: number): StatusOutcome {
  if (sw === 0x9000) return { kind: 'ok' };
  if (sw >> 4 === 0x63c) return { kind: 'wrong_pin', retriesLeft: sw & 0x0f };
  switch (sw) {
    case 0x6983:
      return { kind: 'blocked' };
    case 0x6982:
      return { kind: 'security_status_not_satisfied' };
    case 0x6a82:
    case 0x6a88:
      return { kind: 'not_found' };
    case 0x6a80:
      return { kind: 'wrong_data' };
    case 0x6700:
      return { kind: 'wrong_length' };
    case 0x6a86:
    case 0x6b00:
      return { kind: 'wrong_parameters' };
    case 0x6d00:
    case 0x6e00:
    case 0x6a81:
      return { kind: 'not_supported' };
    default:
      return { kind: 'other', sw };
  }
}
