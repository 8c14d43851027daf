/**
 * ESC/POS byte constants and the few commands the driver itself sends. Names and layouts follow
 * the Epson ESC/POS Command Reference (https://download4.epson.biz/sec_pubs/pos/reference_en/escpos/).
 */
export const LF = 0x0a;
export const DLE = 0x10;
export const EOT = 0x04;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

/** DLE EOT n — Transmit real-time status: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export const dleEot = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(DLE, EOT, n);

/**
 * GS a n — Enable/disable Automatic Status Back. Bit 1 online/offline, bit 2 error, bit 3 roll
 * paper sensor (bit 0, the drawer connector, is left off).
 */
export const ASB_BITS = 0x0e;
export const enableAsb = (n = ASB_BITS): Uint8Array => Uint8Array.of(GS, 0x61, n);

/**
 * GS r 1 — Transmit status (paper sensor). Not a real-time command: the printer answers only
 * after it has processed every byte received before it, so its answer marks the end of a job.
 */
export const gsR1 = (): Uint8Array => Uint8Array.of(GS, 0x72, 0x01);

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
