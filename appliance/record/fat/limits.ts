/** Bounds applied to every key (docs/usb-keys.md, "Limits"). */
export const FAT_LIMITS = {
  /** Path components in any path we open. */
  maxDepth: 8,
  /** Entries read from one directory before giving up. */
  maxDirEntries: 10_000,
  /** Bytes of one name component. */
  maxNameBytes: 255,
  /** WASM window through which file data moves. */
  chunkBytes: 64 * 1024,
} as const;
