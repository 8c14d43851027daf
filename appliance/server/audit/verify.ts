/** Checks an audit database's hash chain: any edited, deleted or reordered row is reported. */
import Database from 'better-sqlite3';
import { err, ok, type Result } from '../../common/result.ts';
import { GENESIS_HASH, rowHash, type AuditRow } from './chain.ts';

export interface ChainBreak {
  /** The first row (by position) whose link does not hold. */
  readonly seq: number;
  readonly problem: 'hash_mismatch' | 'broken_link' | 'sequence_gap';
}

interface StoredRow {
  seq: number;
  at: string;
  event: string;
  actor_id: string | null;
  actor_profession: string | null;
  record_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function verifyRows(
  rows: readonly StoredRow[],
): Result<{ readonly rows: number; readonly head: string }, ChainBreak> {
  let previous = GENESIS_HASH;
  let expectedSeq = 1;
  for (const stored of rows) {
    if (stored.seq !== expectedSeq) return err({ seq: stored.seq, problem: 'sequence_gap' });
    if (stored.prev_hash !== previous) return err({ seq: stored.seq, problem: 'broken_link' });
    const row: AuditRow = {
      seq: stored.seq,
      at: stored.at,
      event: stored.event,
      actorId: stored.actor_id,
      actorProfession: stored.actor_profession,
      recordId: stored.record_id,
      detail: stored.detail,
    };
    if (rowHash(previous, row) !== stored.hash) return err({ seq: stored.seq, problem: 'hash_mismatch' });
    previous = stored.hash;
    expectedSeq += 1;
  }
  return ok({ rows: rows.length, head: previous });
}

/** Reads rows in storage order (rowid), so a reordering shows as a gap or a broken link. */
export function verifyAuditFile(
  file: string,
): Result<{ readonly rows: number; readonly head: string }, ChainBreak> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM audit ORDER BY rowid').all() as StoredRow[];
    return verifyRows(rows);
  } finally {
    db.close();
  }
}
