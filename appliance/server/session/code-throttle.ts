/**
 * The patient-code attempt limit (issue 15): per record (the pseudonymous id of the container, so
 * pulling and re-inserting the key changes nothing), the first 5 wrong codes are free; each wrong
 * code after that blocks the code for 30 s, 60 s, 120 s … up to one hour. Kept in memory for the
 * kiosk's uptime (a restart forgets it: the code space, ≥ 2^60, is the real protection — see
 * docs/threat-model.md "Offline guessing"; this limit slows online guessing at a kiosk). A code
 * with a bad check character is refused before it is tried and never counts. Pure: time is an input.
 */
export interface CodeAttempts {
  /** Wrong codes so far for this record, across insertions. */
  readonly failures: number;
  /** Epoch ms until which no code may be tried; absent when none is blocked. */
  readonly blockedUntil?: number;
}

export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;
/** Records remembered at most; the oldest entry goes first (bounded memory on a kiosk that runs for months). */
export const MAX_RECORDS = 1000;

/** The delay imposed after `failures` wrong codes: 0, then 30 s, 60 s, 120 s … capped at one hour. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_ATTEMPTS, 20), MAX_DELAY_MS);
}

/** Until when the code is blocked for this record at `now`, or undefined when it may be tried. */
export function codeBlockedUntil(attempts: CodeAttempts | undefined, now: number): number | undefined {
  const until = attempts?.blockedUntil;
  return until !== undefined && until > now ? until : undefined;
}

export type CodeAttemptTable = ReadonlyMap<string, CodeAttempts>;

/** The table after one more wrong code for `recordId` at `now`. */
export function withWrongCode(table: CodeAttemptTable, recordId: string, now: number): CodeAttemptTable {
  const failures = (table.get(recordId)?.failures ?? 0) + 1;
  const delay = delayAfter(failures);
  const next = new Map(table);
  next.delete(recordId); // re-inserted last: the table is ordered oldest first
  next.set(recordId, delay > 0 ? { failures, blockedUntil: now + delay } : { failures });
  while (next.size > MAX_RECORDS) next.delete(next.keys().next().value as string);
  return next;
}
