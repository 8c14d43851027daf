/**
 * Signing a record with a PIV card (NIST SP 800-73-4): the Digital Signature key, reference 9C,
 * whose certificate is the data object 5FC10A (Part 1 Table 3). Its access rule is "PIN Always"
 * (Part 1 Table 4b): VERIFY comes immediately before each GENERAL AUTHENTICATE (Part 2 §3.2.4),
 * so the PIN is kept only for the life of the signer. ES256 only (algorithm 11, P-256).
 */
import { createHash } from 'node:crypto';
import type { RecordSigner } from '../../../common/record-signer.ts';
import type { Result } from '../../../common/result.ts';
import { err, ok } from '../../../common/result.ts';
import type { Transmit } from '../apdu.ts';
import { interpretSw, transceive } from '../apdu.ts';
import type { CardFailure } from '../card-profile.ts';
import { concatBytes, encodeTlv, findTlv } from '../tlv.ts';
import { ALG_ECC_P256, pivProfile } from './piv-card.ts';

export const TAG_SIGNATURE_CERT = 0x5fc10a;
export const KEY_DIGITAL_SIGNATURE = 0x9c;

export type PivSignerFailure =
  | CardFailure
  | { readonly kind: 'no_signing_certificate' }
  | { readonly kind: 'not_this_card' }
  | { readonly kind: 'wrong_pin'; readonly retriesLeft: number }
  | { readonly kind: 'blocked' };

const malformed = { kind: 'malformed_response' } as const;

/** DER ECDSA-Sig-Value (RFC 3279 §2.2.3) → the 64-byte R‖S form JWS wants (RFC 7518 §3.4). */
export function derToRawP256(der: Uint8Array): Uint8Array | undefined {
  if (der[0] !== 0x30 || der[1] === undefined || der[1] + 2 !== der.length) return undefined;
  const out = new Uint8Array(64);
  let at = 2;
  for (const offset of [0, 32]) {
    if (der[at] !== 0x02) return undefined;
    const length = der[at + 1] ?? 0;
    let value = der.subarray(at + 2, at + 2 + length);
    if (value.length !== length || length === 0) return undefined;
    while (value.length > 32 && value[0] === 0) value = value.subarray(1);
    if (value.length > 32) return undefined;
    out.set(value, offset + 32 - value.length);
    at += 2 + length;
  }
  return at === der.length ? out : undefined;
}

async function signatureCertificate(transmit: Transmit): Promise<Result<Uint8Array, PivSignerFailure>> {
  const tag = [
    (TAG_SIGNATURE_CERT >> 16) & 0xff,
    (TAG_SIGNATURE_CERT >> 8) & 0xff,
    TAG_SIGNATURE_CERT & 0xff,
  ];
  const res = await transceive(transmit, {
    cla: 0x00,
    ins: 0xcb,
    p1: 0x3f,
    p2: 0xff,
    data: encodeTlv(0x5c, tag),
    le: 256,
  });
  if (!res.ok) return res;
  const sw = interpretSw(res.value.sw);
  if (sw.kind === 'not_found') return err({ kind: 'no_signing_certificate' });
  if (sw.kind !== 'ok') return err({ kind: 'unexpected_status', sw: res.value.sw });
  const container = findTlv(res.value.data, 0x53);
  const cert = container.ok && container.value !== undefined ? findTlv(container.value, 0x70) : undefined;
  return cert?.ok === true && cert.value !== undefined ? ok(cert.value) : err(malformed);
}

/**
 * Opens the PIV application, reads the 9C certificate and checks the PIN once (a wrong PIN is
 * reported before anything is signed). The signer then runs VERIFY + GENERAL AUTHENTICATE 9C for
 * each signature. The caller checks the certificate (chain, profession) as the reader will.
 */
export async function pivRecordSigner(
  transmit: Transmit,
  pin: string,
): Promise<Result<RecordSigner, PivSignerFailure>> {
  const opened = await pivProfile.open(transmit);
  if (!opened.ok) return opened;
  const card = opened.value;
  const certificate = await signatureCertificate(transmit);
  if (!certificate.ok) return certificate;
  const verify = async (): Promise<Result<void, PivSignerFailure>> => {
    const outcome = await card.verifyPin(pin);
    if (!outcome.ok) return outcome;
    switch (outcome.value.kind) {
      case 'verified':
        return ok(undefined);
      case 'wrong_pin':
        return err({ kind: 'wrong_pin', retriesLeft: outcome.value.retriesLeft });
      case 'blocked':
        return err({ kind: 'blocked' });
    }
  };
  const checked = await verify();
  if (!checked.ok) return checked;
  return ok({
    algorithm: 'ES256',
    certificateChain: [certificate.value],
    async sign(signingInput) {
      const verified = await verify();
      if (!verified.ok) throw new Error(`PIV signature refused: ${verified.error.kind}`);
      const digest = createHash('sha256').update(signingInput).digest();
      const data = encodeTlv(0x7c, concatBytes([0x82, 0x00], encodeTlv(0x81, digest)));
      const res = await transceive(transmit, {
        cla: 0x00,
        ins: 0x87,
        p1: ALG_ECC_P256,
        p2: KEY_DIGITAL_SIGNATURE,
        data,
        le: 256,
      });
      if (!res.ok) throw new Error(`PIV signature failed: ${res.error.kind}`);
      if (interpretSw(res.value.sw).kind !== 'ok') throw new Error('PIV signature refused by the card');
      const template = findTlv(res.value.data, 0x7c);
      const der = template.ok && template.value !== undefined ? findTlv(template.value, 0x82) : undefined;
      const raw = der?.ok === true && der.value !== undefined ? derToRawP256(der.value) : undefined;
      if (raw === undefined) throw new Error('PIV signature: malformed response');
      return raw;
    },
  });
}
