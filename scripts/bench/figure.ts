/** One benchmark figure. `npm run bench` prints a table and, last, one JSON object of all figures. */
export interface BenchFigure {
  /** Stable, unique name, e.g. `record.read.AT_ELGA_GmbH_01` */
  readonly name: string;
  readonly value: number;
  /** ms, bytes, KB, MB, %, ratio, … */
  readonly unit: string;
  /** The budget from the brief or the issue, as text (e.g. "≤ 250 ms p95"). */
  readonly budget?: string;
  /** Remark printed in the table (e.g. "vpcd-bound, ≈43 ms per APDU"). */
  readonly note?: string;
}

/** Each area exports `default async function bench(): Promise<BenchFigure[]>` from scripts/bench/<area>.ts. */
export type BenchArea = () => Promise<BenchFigure[]>;

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}
