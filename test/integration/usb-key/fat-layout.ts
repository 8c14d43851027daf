/** Raw FAT surgery for hostile test images (Microsoft FAT spec offsets). */
export interface Geometry {
  readonly offset: number;
  readonly bps: number;
  readonly spc: number;
  readonly reserved: number;
  readonly fats: number;
  readonly fatSectors: number;
  readonly rootEntries: number;
  readonly fat32: boolean;
  readonly rootCluster: number;
  readonly rootDirOffset: number;
  readonly dataOffset: number;
}

const u16 = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
export function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
}
export function put32(b: Uint8Array, at: number, v: number): void {
  put16(b, at, v & 0xffff);
  put16(b, at + 2, (v >>> 16) & 0xffff);
}

export function geometry(image: Uint8Array, offset = 0): Geometry {
  const s = image.subarray(offset, offset + 512);
  const bps = u16(s, 11);
  const fatSectors = u16(s, 22) || u32(s, 36);
  const reserved = u16(s, 14);
  const fats = s[16] ?? 0;
  const rootEntries = u16(s, 17);
  const rootDirOffset = offset + (reserved + fats * fatSectors) * bps;
  const rootSectors = Math.ceil((rootEntries * 32) / bps);
  return {
    offset,
    bps,
    spc: s[13] ?? 0,
    reserved,
    fats,
    fatSectors,
    rootEntries,
    fat32: u16(s, 22) === 0,
    rootCluster: u32(s, 44),
    rootDirOffset,
    dataOffset: rootDirOffset + rootSectors * bps,
  };
}

export function clusterOffset(g: Geometry, cluster: number): number {
  return g.dataOffset + (cluster - 2) * g.spc * g.bps;
}

export function setFat(image: Uint8Array, g: Geometry, cluster: number, value: number): void {
  for (let f = 0; f < g.fats; f += 1) {
    const base = g.offset + (g.reserved + f * g.fatSectors) * g.bps;
    if (g.fat32) put32(image, base + cluster * 4, value);
    else put16(image, base + cluster * 2, value);
  }
}

/** 32-byte short directory entry. */
export function dirEntry(name11: string, attr: number, cluster: number, size: number): Uint8Array {
  const e = new Uint8Array(32);
  e.set(new TextEncoder().encode(name11.padEnd(11, ' ').slice(0, 11)), 0);
  e[11] = attr;
  put16(e, 20, cluster >>> 16);
  put16(e, 26, cluster & 0xffff);
  put32(e, 28, size);
  return e;
}

/** Offsets of the 32-byte entries whose short name is `name11` in a directory region. */
export function findEntry(
  image: Uint8Array,
  from: number,
  length: number,
  name11: string,
): number | undefined {
  const want = new TextEncoder().encode(name11.padEnd(11, ' '));
  for (let at = from; at < from + length; at += 32) {
    if (want.every((b, i) => image[at + i] === b)) return at;
  }
  return undefined;
}

export function entryCluster(image: Uint8Array, at: number): number {
  return (u16(image, at + 20) * 0x10000 + u16(image, at + 26)) >>> 0;
}

/** Offset of the first never-used (0x00) entry of a directory region. */
export function firstFreeEntry(image: Uint8Array, from: number, length: number): number {
  for (let at = from; at < from + length; at += 32) if (image[at] === 0) return at;
  throw new Error('directory region full');
}
