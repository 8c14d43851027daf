/**
 * Size buckets (docs/key-format.md, "Padding"): a tier plaintext and the whole container file are
 * padded with ASCII spaces up to the next bucket, so sizes reveal only the bucket.
 */
const KiB = 1024;
const MiB = 1024 * KiB;

function powersOfTwo(from: number, to: number): readonly number[] {
  const out: number[] = [];
  for (let size = from; size <= to; size *= 2) out.push(size);
  return out;
}

/** Tier plaintext (signed JWS) buckets: 16 KiB, 32 KiB, … 2 MiB. */
export const TIER_BUCKETS = powersOfTwo(16 * KiB, 2 * MiB);
/** Container file buckets: 64 KiB, 128 KiB, … 8 MiB. */
export const FILE_BUCKETS = powersOfTwo(64 * KiB, 8 * MiB);
export const MAX_TIER_PLAINTEXT_BYTES = TIER_BUCKETS[TIER_BUCKETS.length - 1] as number;
export const MAX_CONTAINER_BYTES = FILE_BUCKETS[FILE_BUCKETS.length - 1] as number;

const SPACE = 0x20;

export function bucketFor(size: number, buckets: readonly number[]): number | undefined {
  return buckets.find((bucket) => bucket >= size);
}

/** Pads with spaces to the bucket; `undefined` when the input is above the largest bucket. */
export function padToBucket(bytes: Uint8Array, buckets: readonly number[]): Uint8Array | undefined {
  const bucket = bucketFor(bytes.byteLength, buckets);
  if (bucket === undefined) return undefined;
  const out = new Uint8Array(bucket).fill(SPACE);
  out.set(bytes, 0);
  return out;
}

/** Removes trailing padding (spaces; JWS compact and JSON never end with one that matters). */
export function stripPadding(bytes: Uint8Array): Uint8Array {
  let end = bytes.byteLength;
  while (end > 0 && bytes[end - 1] === SPACE) end -= 1;
  return bytes.subarray(0, end);
}
