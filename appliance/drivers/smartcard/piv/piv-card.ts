/**
 * PIV profile, NIST SP 800-73-4 Part 2 subset: SELECT (§3.1.1), GET DATA of the PIV
 * Authentication certificate (§3.1.2, tag 5FC105, key reference 9A), VERIFY (§3.2.1) and
 * GENERAL AUTHENTICATE with ECC P-256 (algorithm 11, §3.2.4 and Part 1 §A internal authenticate).
 */
import { gunzipSync } from 'node:zlib';
import type { Result } from '../../../common/result.ts';
import { err, ok } from '../../../common/result.ts';
import type { Transmit } from '../apdu.ts';
import { interpretSw, transceive } from '../apdu.ts';
import type { CardFailure, CardProfile, OpenedCard, PinOutcome } from '../card-profile.ts';
import { concatBytes, encodeTlv, findTlv } from '../tlv.ts';

export const PIV_AID = Uint8Array.from([0xa0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00]);
export const TAG_AUTH_CERT = 0x5fc105;
export const KEY_PIV_AUTH = 0x9a;
export const ALG_ECC_P256 = 0x11;
/** PIV Card Application PIN reference (Part 2 §3.2.1 Table 4). */
export const PIN_REF = 0x80;
const MAX_CERT_BYTES = 16 * 1024;

const malformed = { kind: 'malformed_response' } as const;

/** The PIV Card Application PIN is 6 to 8 digits (Part 2 §2.4.3). */
export const PIV_PIN_LENGTH = { min: 6, max: 8 } as const;

/** PIN as the card wants it: 6–8 digits, padded to 8 bytes with FF (Part 2 §2.4.3). */
export function encodePin(pin: string): Uint8Array | undefined {
  if (!/^\d{6,8}$/.test(pin)) return undefined;
  const out = new Uint8Array(8).fill(0xff);
  out.set(new TextEncoder().encode(pin));
  return out;
}

function getDataCommand(tag: number): Uint8Array {
  return encodeTlv(0x5c, [(tag >> 16) & 0xff, (tag >> 8) & 0xff, tag & 0xff]);
}

class PivCard implements OpenedCard {
  readonly profile = 'piv';
  readonly pinLength = PIV_PIN_LENGTH;
  constructor(private readonly transmit: Transmit) {}

  async readCertificate(): Promise<Result<Uint8Array | undefined, CardFailure>> {
    const res = await transceive(this.transmit, {
      cla: 0x00,
      ins: 0xcb,
      p1: 0x3f,
      p2: 0xff,
      data: getDataCommand(TAG_AUTH_CERT),
      le: 256,
    });
    if (!res.ok) return res;
    const sw = interpretSw(res.value.sw);
    if (sw.kind === 'not_found') return ok(undefined);
    if (sw.kind !== 'ok') return err({ kind: 'unexpected_status', sw: res.value.sw });
    const container = findTlv(res.value.data, 0x53);
    if (!container.ok || container.value === undefined) return err(malformed);
    const cert = findTlv(container.value, 0x70);
    const info = findTlv(container.value, 0x71);
    if (!cert.ok || cert.value === undefined || !info.ok) return err(malformed);
    // CertInfo bit 0 = the certificate is gzip-compressed (Part 1 Table 10, note on 0x71).
    if (((info.value?.[0] ?? 0) & 0x01) === 0) return ok(cert.value);
    try {
      return ok(new Uint8Array(gunzipSync(cert.value, { maxOutputLength: MAX_CERT_BYTES })));
    } catch {
      return err(malformed);
    }
  }

  async pinRetries(): Promise<Result<number | undefined, CardFailure>> {
    // VERIFY without data field: status only, no retry spent (Part 2 §3.2.1).
    const res = await transceive(this.transmit, { cla: 0x00, ins: 0x20, p1: 0x00, p2: PIN_REF });
    if (!res.ok) return res;
    const sw = interpretSw(res.value.sw);
    switch (sw.kind) {
      case 'ok':
        return ok(undefined);
      case 'wrong_pin':
        return ok(sw.retriesLeft);
      case 'blocked':
        return ok(0);
      default:
        return err({ kind: 'unexpected_status', sw: res.value.sw });
    }
  }

  async verifyPin(pin: string): Promise<Result<PinOutcome, CardFailure>> {
    const data = encodePin(pin);
    if (data === undefined) throw new Error('verifyPin: PIN format must be checked by the caller');
    const res = await transceive(this.transmit, { cla: 0x00, ins: 0x20, p1: 0x00, p2: PIN_REF, data });
    if (!res.ok) return res;
    const sw = interpretSw(res.value.sw);
    switch (sw.kind) {
      case 'ok':
        return ok({ kind: 'verified' });
      case 'wrong_pin':
        return ok(
          sw.retriesLeft === 0 ? { kind: 'blocked' } : { kind: 'wrong_pin', retriesLeft: sw.retriesLeft },
        );
      case 'blocked':
        return ok({ kind: 'blocked' });
      default:
        return err({ kind: 'unexpected_status', sw: res.value.sw });
    }
  }

  async signDigest(digest: Uint8Array): Promise<Result<Uint8Array, CardFailure>> {
    // Dynamic Authentication Template: 82 00 asks for the response, 81 carries the challenge
    // (for ECDSA the already-hashed message, Part 2 §3.2.4 and SP 800-73-4 Part 1 Appendix A.4).
    const data = encodeTlv(0x7c, concatBytes([0x82, 0x00], encodeTlv(0x81, digest)));
    const res = await transceive(this.transmit, {
      cla: 0x00,
      ins: 0x87,
      p1: ALG_ECC_P256,
      p2: KEY_PIV_AUTH,
      data,
      le: 256,
    });
    if (!res.ok) return res;
    if (interpretSw(res.value.sw).kind !== 'ok') return err({ kind: 'unexpected_status', sw: res.value.sw });
    const template = findTlv(res.value.data, 0x7c);
    if (!template.ok || template.value === undefined) return err(malformed);
    const signature = findTlv(template.value, 0x82);
    if (!signature.ok || signature.value === undefined || signature.value.length === 0) return err(malformed);
    return ok(signature.value);
  }
}

export const pivProfile: CardProfile = {
  name: 'piv',
  async open(transmit) {
    const res = await transceive(transmit, {
      cla: 0x00,
      ins: 0xa4,
      p1: 0x04,
      p2: 0x00,
      data: PIV_AID,
      le: 256,
    });
    if (!res.ok) return res;
    if (interpretSw(res.value.sw).kind !== 'ok') return err({ kind: 'not_this_card' });
    // The answer is an Application Property Template (tag 61, Part 2 §3.1.1).
    const apt = findTlv(res.value.data, 0x61);
    if (res.value.data.length > 0 && (!apt.ok || apt.value === undefined))
      return err({ kind: 'not_this_card' });
    return ok(new PivCard(transmit));
  },
};
