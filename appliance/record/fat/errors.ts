/**
 * Typed failures of the user-space FAT layer. Every hostile or unusual key ends in one of these,
 * with a message a carer can read (no patient content: the key's bytes are never quoted).
 */
export type FatErrorCode =
  | 'not_fat'
  | 'exfat'
  | 'ntfs'
  | 'no_container'
  | 'several_containers'
  | 'not_found'
  | 'corrupt'
  | 'too_large'
  | 'too_many_entries'
  | 'too_deep'
  | 'io'
  | 'removed'
  | 'read_only'
  | 'no_space';

export interface FatError {
  readonly code: FatErrorCode;
  readonly message: string;
}

const MESSAGES: Readonly<Record<FatErrorCode, string>> = {
  not_fat: 'This key has no readable FAT filesystem (empty, unformatted or an unknown format).',
  exfat: 'This key is formatted as exFAT; Baladeur keys use FAT32.',
  ntfs: 'This key is formatted as NTFS; Baladeur keys use FAT32.',
  no_container: 'This key holds no Baladeur record (it may hold photos or other files).',
  several_containers: 'This key holds more than one Baladeur record; it cannot be used safely.',
  not_found: 'The file is not on this key.',
  corrupt: 'The filesystem on this key is damaged.',
  too_large: 'A file on this key is larger than a Baladeur record can be.',
  too_many_entries: 'A folder on this key holds too many entries to be read safely.',
  too_deep: 'The folders on this key are nested too deeply to be read safely.',
  io: 'The key could not be read (medium error).',
  removed: 'The key was removed while it was being used.',
  read_only: 'The key is write-protected.',
  no_space: 'The key is full.',
};

/** A FatError with the standard message, plus an optional technical detail (no patient data). */
export function fatError(code: FatErrorCode, detail?: string): FatError {
  return { code, message: detail === undefined ? MESSAGES[code] : `${MESSAGES[code]} (${detail})` };
}
