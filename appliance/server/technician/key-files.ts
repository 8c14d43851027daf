/**
 * Technician files on a USB key, through the user-space FAT layer (the key is never mounted).
 * A technician key holds no Baladeur record, so files are read from the key's first healthy FAT
 * volume (`primaryVolume`), not the record's (`readKeyFile` looks for a record).
 */
import type { BlockSource } from '../../record/block-source.ts';
import { err, type Result } from '../../common/result.ts';
import { lookup, splitPath } from '../../record/fat/dir.ts';
import { readBudgetFor, withVolume } from '../../record/fat/engine.ts';
import { fatError, type FatError } from '../../record/fat/errors.ts';
import { readOpenFile } from '../../record/fat/files.ts';
import { locateContainer, primaryVolume } from '../../record/fat/locate.ts';

/** Reads `path` (case-insensitive, as FAT) if it is a file of at most `maxBytes`. */
export function readTechnicianFile(
  source: BlockSource,
  path: string,
  maxBytes: number,
): Result<Uint8Array, FatError> {
  const parts = splitPath(path);
  if (!parts.ok) return parts;
  const volume = primaryVolume(source);
  if (!volume.ok) return volume;
  return withVolume(source, volume.value, { readBudget: readBudgetFor(maxBytes) }, (ff) => {
    const found = lookup(ff, parts.value);
    if (!found.ok) return found;
    if (found.value.isDir) return err(fatError('not_found', 'a folder, not a file'));
    if (found.value.size > maxBytes) return err(fatError('too_large', `${found.value.size} bytes`));
    return readOpenFile(ff, found.value.path, found.value.size);
  });
}

/** True when the key carries a patient's record: technician tools never write to such a key. */
export function holdsPatientRecord(source: BlockSource): boolean {
  const located = locateContainer(source);
  return located.ok || located.error.code === 'several_containers';
}
