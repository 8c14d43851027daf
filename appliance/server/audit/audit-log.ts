/**
 * The kiosk audit trail: an append-only, hash-chained SQLite table (better-sqlite3). Rows carry
 * who (national id + profession), what (event name and non-clinical details), when, and a
 * pseudonymous record id — never a name, a typed reason or clinical content (HZ-12).
 */
import Database from 'better-sqlite3';
import type { AuditSink } from '../ports.ts';
import type { AuditEvent } from '../session/events.ts';
import { canonicalJson, GENESIS_HASH, rowHash, type AuditRow } from './chain.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  actor_id TEXT,
  actor_profession TEXT,
  record_id TEXT,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
`;

/** Splits an event into the row's columns; everything not a column goes to `detail`. */
export function toRow(seq: number, event: AuditEvent, at: number): AuditRow {
  const { event: name, ...rest } = event;
  const who = 'who' in rest ? rest.who : undefined;
  const recordId = 'recordId' in rest ? rest.recordId : undefined;
  const detail: Record<string, unknown> = { ...rest };
  delete detail.who;
  delete detail.recordId;
  return {
    seq,
    at: new Date(at).toISOString(),
    event: name,
    actorId: who?.nationalId ?? null,
    actorProfession: who?.profession ?? null,
    recordId: recordId ?? null,
    detail: canonicalJson(detail),
  };
}

export class AuditLog implements AuditSink {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly head: Database.Statement;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      `INSERT INTO audit (seq, at, event, actor_id, actor_profession, record_id, detail, prev_hash, hash)
       VALUES (@seq, @at, @event, @actorId, @actorProfession, @recordId, @detail, @prevHash, @hash)`,
    );
    this.head = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  }

  /** Appends one row in a transaction (reads the head and writes atomically). */
  append(event: AuditEvent, at: number): void {
    this.db.transaction(() => {
      const last = this.head.get() as { seq: number; hash: string } | undefined;
      const row = toRow((last?.seq ?? 0) + 1, event, at);
      const prevHash = last?.hash ?? GENESIS_HASH;
      this.insert.run({ ...row, prevHash, hash: rowHash(prevHash, row) });
    })();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
