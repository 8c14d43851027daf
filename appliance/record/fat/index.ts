/** User-space FAT for USB keys (never mounted). See docs/usb-keys.md. */
export { fatError, type FatError, type FatErrorCode } from './errors.ts';
export { FAT_LIMITS } from './limits.ts';
export { createKeyImage, type KeyImageOptions } from './image.ts';
export { readKeyFile, writeKeyFile, listDir, type DirEntry } from './files.ts';
export { locateContainer, primaryVolume } from './locate.ts';
export { findVolumes, type Volume, type VolumeKind } from './volumes.ts';
export { mapForInPlaceWrite, writeInPlace, type FileMap } from './in-place.ts';
export { fatMemoryBytes } from './engine.ts';
