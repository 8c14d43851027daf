/** Checks an audit database's hash chain: any edited, deleted or reordered row is reported. */
import Database from 'better-sqlite3';
import { err, ok, type Result } from '../../common/result.ts';
import type { AuditChainBreak } from '../../contract/technician-view.ts';
import { GENESIS_HASH, rowHash, type AuditRow } from './chain.ts';

/** A row as the `audit` table stores it (audit-log.ts): the hashed fields, then the chain links. */
export interface StoredAuditRow {
  readonly seq: number;
  readonly at: string;
  readonly event: string;
  readonly actor_id: string | null;
  readonly actor_profession: string | null;
  readonly record_id: string | null;
  readonly detail: string;
  readonly prev_hash: string;
  readonly hash: string;
}

export type ChainCheck = Result<{ readonly rows: number; readonly head: string }, AuditChainBreak>;

export function verifyRows(rows: readonly StoredAuditRow[]): ChainCheck {
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

/**
 * Every row, in storage order (rowid), so a reordering shows as a gap or a broken link; through a
 * read-only connection. Throws when the file is not a readable audit database.
 */
export function readStoredRows(file: string): StoredAuditRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM audit ORDER BY rowid').all() as StoredAuditRow[];
  } finally {
    db.close();
  }
}

export function verifyAuditFile(file: string): ChainCheck {
  return verifyRows(readStoredRows(file));
}
