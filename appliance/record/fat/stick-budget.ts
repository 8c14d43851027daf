/**
 * One read budget per stick and per operation, across every partition and volume of the key.
 *
 * FatFs's per-volume budget (engine.ts) stops a loop inside one volume, but a partition table may
 * list the same looping volume many times (GPT: up to 128 entries), and each probe would spend a
 * whole budget: 128 × 16 384 sector reads. The public FAT calls therefore wrap the key once in a
 * budgeted source whose reads (calls and bytes) are counted for the whole operation; past the
 * budget every read fails and the operation ends as `corrupt`.
 */
import type { BlockSource } from '../block-source.ts';
import { readBudgetFor } from './engine.ts';
import { ReadBudgetExhausted } from './io.ts';

export interface StickBudget {
  /** Read calls on the source. */
  readonly reads: number;
  /** Bytes read from the source. */
  readonly bytes: number;
}

/**
 * The budget of one operation whose volume work may read `volumeSectors` 512-byte sectors: that,
 * plus one small-key metadata budget shared by the partition tables and every volume probe.
 */
export function stickBudgetFor(volumeSectors: number): StickBudget {
  const sectors = volumeSectors + readBudgetFor(0);
  return { reads: sectors, bytes: sectors * 512 };
}

const budgeted = new WeakSet<BlockSource>();

export interface BudgetedSource extends BlockSource {
  readonly spent: { readonly reads: number; readonly bytes: number };
}

/**
 * Wraps `source` so that its reads stop at `budget`. A source that is already budgeted is returned
 * as it is: an operation that calls another (readKeyFile → locateContainer) keeps one budget.
 */
export function withStickBudget(source: BlockSource, budget: StickBudget): BlockSource {
  if (budgeted.has(source)) return source;
  let reads = 0;
  let bytes = 0;
  const wrapped: BudgetedSource = {
    size: source.size,
    readOnly: source.readOnly,
    get spent() {
      return { reads, bytes };
    },
    read(offset, length) {
      reads += 1;
      bytes += length;
      if (reads > budget.reads || bytes > budget.bytes) throw new ReadBudgetExhausted();
      return source.read(offset, length);
    },
    write: (offset, data) => source.write(offset, data),
    flush: () => source.flush(),
    close: () => source.close(),
  };
  budgeted.add(wrapped);
  return wrapped;
}
