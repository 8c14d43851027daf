/**
 * Checks a BDPM release before it becomes the active data set: every file parses, few rows
 * are rejected, enough rows for a national database, CIP13 check digits valid, boxes and
 * substances point at known products.
 */
import { err, ok, type Result } from '../../common/result.ts';
import { hasValidCheckDigit } from '../gs1/check-digit.ts';
import { type BdpmSources, buildIndex, type BuildReport } from './build-index.ts';
import type { BdpmIndex } from './index-format.ts';

export interface ReleaseCounts {
  readonly products: number;
  readonly boxes: number;
  readonly substances: number;
  readonly genericGroups: number;
}

export interface ValidRelease {
  readonly index: BdpmIndex;
  readonly counts: ReleaseCounts;
  readonly report: BuildReport;
}

export type ReleaseProblem =
  | { readonly kind: 'too_few_rows'; readonly file: string; readonly rows: number; readonly minimum: number }
  | {
      readonly kind: 'too_many_rejected';
      readonly file: string;
      readonly rejected: number;
      readonly lines: number;
    }
  | { readonly kind: 'bad_cip13'; readonly count: number }
  | { readonly kind: 'dangling_references'; readonly file: string; readonly count: number };

/** A release smaller than this is not a whole national database (2022: 15 676 products). */
const MINIMUM = { products: 5000, boxes: 5000, compositions: 5000, generics: 1000 } as const;
const MAX_REJECTED_RATIO = 0.01;

export function validateRelease(
  sources: BdpmSources,
  built: { index: BdpmIndex; report: BuildReport } = buildIndex(sources),
): Result<ValidRelease, ReleaseProblem[]> {
  const { index, report } = built;
  const problems: ReleaseProblem[] = [];
  for (const file of ['products', 'boxes', 'compositions', 'generics'] as const) {
    const rows = report.lines[file] - report.rejected[file].count;
    if (rows < MINIMUM[file]) problems.push({ kind: 'too_few_rows', file, rows, minimum: MINIMUM[file] });
    if (report.rejected[file].count > report.lines[file] * MAX_REJECTED_RATIO) {
      problems.push({
        kind: 'too_many_rejected',
        file,
        rejected: report.rejected[file].count,
        lines: report.lines[file],
      });
    }
  }
  const badCip = index.boxes.filter((b) => !hasValidCheckDigit(b[0])).length;
  if (badCip > index.boxes.length * MAX_REJECTED_RATIO) problems.push({ kind: 'bad_cip13', count: badCip });
  const known = new Set(index.products.map((p) => p[0]));
  const danglingBoxes = index.boxes.filter((b) => !known.has(b[2])).length;
  if (danglingBoxes > index.boxes.length * 0.05)
    problems.push({ kind: 'dangling_references', file: 'boxes', count: danglingBoxes });
  const danglingSubstances = index.substances.filter((s) => !known.has(s[0])).length;
  if (danglingSubstances > index.substances.length * 0.05) {
    problems.push({ kind: 'dangling_references', file: 'compositions', count: danglingSubstances });
  }
  if (problems.length > 0) return err(problems);
  return ok({
    index,
    report,
    counts: {
      products: index.products.length,
      boxes: index.boxes.length,
      substances: index.substances.length,
      genericGroups: index.groups.length,
    },
  });
}
