/**
 * A PIV card application in TypeScript (NIST SP 800-73-4 Part 2 subset), shaped so that our driver
 * AND OpenSC's PIV driver accept it: response chaining that honours Le exactly, SELECT by partial
 * AID, other drivers' probes answered without losing the PIV selection. Pure: APDU in, APDU out.
 */
import { p256 } from '@noble/curves/nist.js';
import { PIV_AID } from '../../drivers/smartcard/piv/piv-card.ts';
import { concatBytes, decodeTlvs, encodeTlv } from '../../drivers/smartcard/tlv.ts';

export interface Applet {
  /** Power on / reset / power off: volatile state (selection, PIN verified) is cleared. */
  reset(): void;
  process(command: Uint8Array): Uint8Array;
}

export interface PivPersonalisation {
  readonly certificateDer: Uint8Array;
  /** P-256 private scalar, 32 bytes. */
  readonly privateKey: Uint8Array;
  readonly pin: string;
  /** Retries left at personalisation (0 = a blocked card). */
  readonly retries: number;
  readonly maxRetries: number;
  /** 16 bytes, unique per card: OpenSC derives the token serial from it. */
  readonly guid: Uint8Array;
  /** Store the certificate gzip-compressed (CertInfo 01). */
  readonly compressCertificate: boolean;
  readonly compressedCertificate?: Uint8Array;
  /** Digital Signature key 9C and its certificate (tag 5FC10A): doctor and midwife cards sign records. */
  readonly signing?: { readonly certificateDer: Uint8Array; readonly privateKey: Uint8Array };
}

const SW = {
  ok: [0x90, 0x00],
  wrongLength: [0x67, 0x00],
  securityNotSatisfied: [0x69, 0x82],
  blocked: [0x69, 0x83],
  conditionsNotSatisfied: [0x69, 0x85],
  wrongData: [0x6a, 0x80],
  notFound: [0x6a, 0x82],
  wrongP1P2: [0x6a, 0x86],
  refNotFound: [0x6a, 0x88],
  insNotSupported: [0x6d, 0x00],
  claNotSupported: [0x6e, 0x00],
} as const;

const sw = (s: readonly number[]): Uint8Array => Uint8Array.from(s);

/** Discovery object (Part 1 §3.3.2): PIV AID, PIN usage policy "PIV PIN only". */
const DISCOVERY = encodeTlv(0x7e, concatBytes(encodeTlv(0x4f, PIV_AID), encodeTlv(0x5f2f, [0x40, 0x00])));
/** FASC-N of an unissued card (all zeros in BCD with parity): only its presence matters here. */
const FASCN = Uint8Array.from([
  0xd4, 0xe7, 0x39, 0xda, 0x73, 0x9c, 0xed, 0x39, 0xce, 0x73, 0x9d, 0x83, 0x68, 0x58, 0x21, 0x08, 0x42, 0x10,
  0x84, 0x21, 0xc8, 0x42, 0x10, 0xc3, 0xeb,
]);

interface Parsed {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  le: number | undefined;
}

function parse(cmd: Uint8Array): Parsed | undefined {
  if (cmd.length < 4) return undefined;
  const [cla, ins, p1, p2] = cmd as unknown as [number, number, number, number];
  if (cmd.length === 4) return { cla, ins, p1, p2, data: new Uint8Array(0), le: undefined };
  if (cmd.length === 5) return { cla, ins, p1, p2, data: new Uint8Array(0), le: cmd[4] || 256 };
  const lc = cmd[4] as number;
  if (lc === 0) return undefined; // extended length: not supported
  const data = cmd.subarray(5, 5 + lc);
  if (cmd.length === 5 + lc) return { cla, ins, p1, p2, data, le: undefined };
  if (cmd.length === 6 + lc) return { cla, ins, p1, p2, data, le: cmd[5 + lc] || 256 };
  return undefined;
}

export class PivApplet implements Applet {
  private selected = false;
  private verified = false;
  /** The 9C key's PIN rule is "PIN Always" (SP 800-73-4 Part 1 Table 4b): one signature per VERIFY. */
  private signatureAllowed = false;
  private retries: number;
  private pending: Uint8Array | undefined;
  private chain: { ins: number; data: Uint8Array } | undefined;

  constructor(private readonly card: PivPersonalisation) {
    this.retries = card.retries;
  }

  get retriesLeft(): number {
    return this.retries;
  }

  reset(): void {
    this.selected = false;
    this.verified = false;
    this.signatureAllowed = false;
    this.pending = undefined;
    this.chain = undefined;
  }

  process(command: Uint8Array): Uint8Array {
    const c = parse(command);
    if (c === undefined) return sw(SW.wrongLength);
    if ((c.cla & ~0x10) !== 0) return sw(SW.claNotSupported);
    if (c.ins !== 0xc0) this.pending = undefined;
    if ((c.cla & 0x10) !== 0) {
      // Command chaining (ISO 7816-4 §5.1.1.1): keep the chunk, answer 9000.
      const before = this.chain?.ins === c.ins ? this.chain.data : new Uint8Array(0);
      this.chain = { ins: c.ins, data: concatBytes(before, c.data) };
      return sw(SW.ok);
    }
    if (this.chain !== undefined) {
      if (this.chain.ins === c.ins) c.data = concatBytes(this.chain.data, c.data);
      this.chain = undefined;
    }
    switch (c.ins) {
      case 0xa4:
        return this.select(c);
      case 0xc0:
        return this.getResponse(c);
      case 0xcb:
        return this.getData(c);
      case 0x20:
        return this.verify(c);
      case 0x87:
        return this.generalAuthenticate(c);
      default:
        return sw(SW.insNotSupported);
    }
  }

  /** Returns at most Le bytes; the rest waits for GET RESPONSE behind `61xx` (`6100` if ≥ 256 remain). */
  private respond(data: Uint8Array, le: number | undefined): Uint8Array {
    const n = Math.min(le ?? 256, 256, data.length);
    const rest = data.subarray(n);
    if (rest.length === 0) return concatBytes(data, SW.ok);
    this.pending = rest;
    return concatBytes(data.subarray(0, n), [0x61, rest.length >= 256 ? 0 : rest.length]);
  }

  private getResponse(c: Parsed): Uint8Array {
    const pending = this.pending;
    if (pending === undefined) return sw(SW.conditionsNotSatisfied);
    this.pending = undefined;
    return this.respond(pending, c.le);
  }

  private select(c: Parsed): Uint8Array {
    const isPiv =
      c.p1 === 0x04 &&
      c.data.length >= 5 &&
      c.data.length <= PIV_AID.length &&
      c.data.every((b, i) => b === PIV_AID[i]);
    // Another application's AID (OpenSC probes several): not found, PIV stays selected.
    if (!isPiv) return sw(SW.notFound);
    this.selected = true;
    const apt = encodeTlv(
      0x61,
      concatBytes(
        encodeTlv(0x4f, PIV_AID.subarray(5, 11)),
        encodeTlv(0x79, encodeTlv(0x4f, PIV_AID.subarray(0, 5))),
        encodeTlv(0xac, concatBytes(encodeTlv(0x80, [0x11]), encodeTlv(0x06, [0x00]))),
      ),
    );
    return this.respond(apt, c.le);
  }

  private getData(c: Parsed): Uint8Array {
    if (!this.selected) return sw(SW.notFound);
    if (c.p1 !== 0x3f || c.p2 !== 0xff) return sw(SW.wrongP1P2);
    const tags = decodeTlvs(c.data);
    const tagList = tags.ok ? tags.value.find((t) => t.tag === 0x5c)?.value : undefined;
    if (tagList === undefined) return sw(SW.wrongData);
    const tag = tagList.reduce((n, b) => n * 256 + b, 0);
    switch (tag) {
      case 0x7e:
        return this.respond(DISCOVERY, c.le);
      case 0x5fc102:
        return this.respond(this.chuid(), c.le);
      case 0x5fc105:
        return this.respond(this.certificateObject(), c.le);
      case 0x5fc10a:
        return this.card.signing === undefined
          ? sw(SW.notFound)
          : this.respond(
              encodeTlv(
                0x53,
                concatBytes(
                  encodeTlv(0x70, this.card.signing.certificateDer),
                  encodeTlv(0x71, [0]),
                  encodeTlv(0xfe, []),
                ),
              ),
              c.le,
            );
      case 0x5fc109:
        // Printed Information needs the PIN (Part 1 Table 2); OpenSC relies on 6982 before login.
        return sw(this.verified ? SW.notFound : SW.securityNotSatisfied);
      default:
        return sw(SW.notFound);
    }
  }

  private chuid(): Uint8Array {
    return encodeTlv(
      0x53,
      concatBytes(
        encodeTlv(0x30, FASCN),
        encodeTlv(0x34, this.card.guid),
        encodeTlv(0x35, new TextEncoder().encode('20301231')),
        encodeTlv(0x3e, []),
        encodeTlv(0xfe, []),
      ),
    );
  }

  private certificateObject(): Uint8Array {
    const gz = this.card.compressCertificate ? this.card.compressedCertificate : undefined;
    return encodeTlv(
      0x53,
      concatBytes(
        encodeTlv(0x70, gz ?? this.card.certificateDer),
        encodeTlv(0x71, [gz === undefined ? 0x00 : 0x01]),
        encodeTlv(0xfe, []),
      ),
    );
  }

  private verify(c: Parsed): Uint8Array {
    if (c.p2 !== 0x80) return sw(SW.refNotFound);
    if (c.p1 === 0xff) {
      // Reset the security status of the PIN (SP 800-73-4 Part 2 §3.2.1).
      this.verified = false;
      return sw(SW.ok);
    }
    if (c.p1 !== 0x00) return sw(SW.wrongP1P2);
    if (c.data.length === 0) {
      if (this.retries === 0) return sw(SW.blocked);
      return this.verified ? sw(SW.ok) : Uint8Array.from([0x63, 0xc0 | this.retries]);
    }
    if (this.retries === 0) return sw(SW.blocked);
    if (c.data.length !== 8) return sw(SW.wrongData);
    const expected = new Uint8Array(8).fill(0xff);
    expected.set(new TextEncoder().encode(this.card.pin));
    if (expected.every((b, i) => b === c.data[i])) {
      this.verified = true;
      this.signatureAllowed = true;
      this.retries = this.card.maxRetries;
      return sw(SW.ok);
    }
    this.verified = false;
    this.signatureAllowed = false;
    this.retries -= 1;
    return Uint8Array.from([0x63, 0xc0 | this.retries]);
  }

  private generalAuthenticate(c: Parsed): Uint8Array {
    const signing = c.p2 === 0x9c ? this.card.signing : undefined;
    if (c.p1 !== 0x11 || (c.p2 !== 0x9a && signing === undefined)) return sw(SW.wrongP1P2);
    if (!this.verified || (signing !== undefined && !this.signatureAllowed))
      return sw(SW.securityNotSatisfied);
    const outer = decodeTlvs(c.data);
    const template = outer.ok ? outer.value.find((t) => t.tag === 0x7c)?.value : undefined;
    const inner = template === undefined ? undefined : decodeTlvs(template);
    if (inner === undefined || !inner.ok) return sw(SW.wrongData);
    const wantsResponse = inner.value.some((t) => t.tag === 0x82 && t.value.length === 0);
    const digest = inner.value.find((t) => t.tag === 0x81)?.value;
    if (!wantsResponse || digest === undefined || digest.length !== 32) return sw(SW.wrongData);
    // The challenge is the already-hashed message: sign it as is (no second hash).
    if (signing !== undefined) this.signatureAllowed = false;
    const key = signing?.privateKey ?? this.card.privateKey;
    const signature = p256.sign(digest, key, { prehash: false, format: 'der', lowS: false });
    return this.respond(encodeTlv(0x7c, encodeTlv(0x82, signature)), c.le);
  }
}

/** A card that answers every command with 1–40 random bytes (tests "unknown card, no crash"). */
export class GarbageApplet implements Applet {
  reset(): void {}
  process(): Uint8Array {
    const out = new Uint8Array(1 + Math.floor(Math.random() * 40));
    for (let i = 0; i < out.length; i++) out[i] = Math.floor(Math.random() * 256);
    // Never a success status, so a run of luck cannot make it look like a PIV card.
    if (out.length >= 2 && out[out.length - 2] === 0x90) out[out.length - 2] = 0x6f;
    if (out.length >= 2 && out[out.length - 2] === 0x61) out[out.length - 2] = 0x6f;
    return out;
  }
}
