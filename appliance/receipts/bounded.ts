/**
 * A receipt within its limits (drivers/printer/layout/limits.ts, docs/printing.md § Limits).
 * A receipt is a list of parts: `keep` parts are always printed (header, patient, allergies,
 * signature, footer); the others are printed in order while the estimated size allows, and where
 * the first block no longer fits, the "continued on screen" mark is printed and nothing more of
 * them. Every text is also cut to the per-text limits by the layout, with the same mark.
 */
import {
  estimateBlock,
  estimateBlocks,
  renderBlocks,
  type Block,
  type RenderOptions,
  type RenderResult,
} from '../drivers/printer/layout/layout.ts';
import {
  addCost,
  RECEIPT_LIMITS,
  withinLimits,
  type BlockCost,
  type ReceiptLimits,
} from '../drivers/printer/layout/limits.ts';

export interface ReceiptPart {
  readonly keep: boolean;
  readonly blocks: readonly Block[];
}

export interface FittedReceipt {
  readonly blocks: readonly Block[];
  /** Blocks of parts not kept were left out (the mark is printed where they stop). */
  readonly cut: boolean;
  /** The kept parts alone fit the limits. */
  readonly keptFit: boolean;
}

/** The mark as a block of its own, where a section stops. */
export const cutMarkBlock = (mark: string): Block => ({ kind: 'text', text: mark, style: { bold: true } });

export function fitParts(
  parts: readonly ReceiptPart[],
  options: RenderOptions & { readonly cutMark: string },
  limits: ReceiptLimits = RECEIPT_LIMITS,
): FittedReceipt {
  const mark = cutMarkBlock(options.cutMark);
  const kept = estimateBlocks(
    parts.filter((p) => p.keep).flatMap((p) => p.blocks),
    options,
  );
  const keptFit = withinLimits(addCost(kept, estimateBlock(mark, options)), limits);
  let used: BlockCost = addCost(kept, estimateBlock(mark, options));
  let cut = false;
  const blocks: Block[] = [];
  for (const part of parts) {
    if (part.keep) {
      blocks.push(...part.blocks);
      continue;
    }
    for (const block of part.blocks) {
      if (cut) break;
      const next = addCost(used, estimateBlock(block, options));
      if (!withinLimits(next, limits)) {
        cut = true;
        blocks.push(mark);
        break;
      }
      used = next;
      blocks.push(block);
    }
  }
  return { blocks, cut, keptFit };
}

/**
 * Renders the first of `forms` (most complete first) whose kept parts fit the limits, the last one
 * whatever its size: the kept parts are never left out (allergies, HZ-03).
 */
export async function renderWithinLimits<F>(
  forms: readonly F[],
  partsOf: (form: F) => readonly ReceiptPart[],
  options: RenderOptions & { readonly cutMark: string },
  limits: ReceiptLimits = RECEIPT_LIMITS,
): Promise<RenderResult & { readonly form: F }> {
  let fitted: FittedReceipt | undefined;
  let chosen: F | undefined;
  for (const form of forms) {
    chosen = form;
    fitted = fitParts(partsOf(form), options, limits);
    if (fitted.keptFit) break;
  }
  if (fitted === undefined || chosen === undefined) throw new Error('renderWithinLimits: no form');
  return { ...(await renderBlocks(fitted.blocks, options)), form: chosen };
}
