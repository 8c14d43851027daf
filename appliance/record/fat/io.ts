import { BlockIoError, type BlockSource } from '../block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { fatError, type FatError } from './errors.ts';

/** Thrown by a budgeted source past its budget (stick-budget.ts); mapped to `corrupt`. */
export class ReadBudgetExhausted extends Error {
  constructor() {
    super('read budget for this key exhausted');
    this.name = 'ReadBudgetExhausted';
  }
}

/** Maps a medium failure to a FatError; anything else is a bug and is rethrown. */
export function blockFailure(error: unknown): FatError {
  if (error instanceof ReadBudgetExhausted) return fatError('corrupt', error.message);
  if (error instanceof BlockIoError) {
    switch (error.kind) {
      case 'removed':
        return fatError('removed');
      case 'io':
        return fatError('io');
      case 'read_only':
        return fatError('read_only');
    }
  }
  throw error;
}

/** A read from the source as a Result (a pulled key or a bad sector is an expected failure). */
export function readBytes(source: BlockSource, offset: number, length: number): Result<Uint8Array, FatError> {
  if (offset < 0 || offset + length > source.size)
    return err(fatError('corrupt', 'read beyond the end of the key'));
  try {
    return ok(source.read(offset, length));
  } catch (error) {
    return err(blockFailure(error));
  }
}
