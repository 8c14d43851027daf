import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from './audit-log.ts';
import { loadOrCreateKioskSecret, pseudonymousRecordId } from './pseudonym.ts';
import { verifyAuditFile } from './verify.ts';

const who = { nationalId: '810000123456', profession: 'nurse' as const };
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-audit-'));
  file = path.join(dir, 'audit.sqlite');
  const log = new AuditLog(file);
  log.append({ event: 'card_authenticated', who }, 1_000);
  log.append({ event: 'key_opened', who, recordId: 'r1', tier: 'emergency', breakGlass: true }, 2_000);
  log.append({ event: 'break_glass', who, recordId: 'r1', reason: 'unconscious' }, 2_001);
  log.append({ event: 'print', who, recordId: 'r1', tier: 'emergency', outcome: 'done' }, 3_000);
  log.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What an attacker with the file does: drop the guard triggers, then tamper. */
function tamper(sql: string): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
  db.exec(sql);
  db.close();
}

describe('audit trail', () => {
  it('an untouched chain verifies', () => {
    const result = verifyAuditFile(file);
    expect(result).toMatchObject({ ok: true, value: { rows: 4 } });
  });

  it('the table refuses UPDATE and DELETE through SQLite', () => {
    const db = new Database(file);
    expect(() => db.exec("UPDATE audit SET event = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit WHERE seq = 1')).toThrow(/append-only/);
    db.close();
  });

  it('an edited row is detected', () => {
    tamper(`UPDATE audit SET detail = '{"reason":"other"}' WHERE seq = 3`);
    expect(verifyAuditFile(file)).toEqual({ ok: false, error: { seq: 3, problem: 'hash_mismatch' } });
  });

  it('an edited row whose hash was recomputed still breaks the next link', () => {
    tamper(`UPDATE audit SET actor_id = '899999999999', hash = '${'a'.repeat(64)}' WHERE seq = 2`);
    const result = verifyAuditFile(file);
    expect(result.ok).toBe(false);
  });

  it('a deleted row is detected', () => {
    tamper('DELETE FROM audit WHERE seq = 2');
    expect(verifyAuditFile(file)).toEqual({ ok: false, error: { seq: 3, problem: 'sequence_gap' } });
  });

  it('reordered rows are detected', () => {
    // Rows 2 and 3 trade places (their contents are swapped, positions kept).
    tamper(`
      CREATE TABLE copy AS SELECT * FROM audit;
      DELETE FROM audit;
      INSERT INTO audit (seq, at, event, actor_id, actor_profession, record_id, detail, prev_hash, hash)
        SELECT CASE seq WHEN 2 THEN 3 WHEN 3 THEN 2 ELSE seq END, at, event, actor_id, actor_profession, record_id, detail, prev_hash, hash FROM copy;
      DROP TABLE copy;
    `);
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, error: { seq: 2 } });
  });

  it('HZ-12 rows carry ids and categories, never names or typed reasons', () => {
    const db = new Database(file, { readonly: true });
    const rows = JSON.stringify(db.prepare('SELECT * FROM audit').all());
    db.close();
    expect(rows).toContain('unconscious');
    expect(rows).toContain('810000123456');
    expect(rows).not.toMatch(/Julie|BERNARD/);
  });

  it('verify-cli exits 0 on an intact chain and 1 on a broken one', () => {
    const cli = path.resolve(import.meta.dirname, 'verify-cli.ts');
    const okRun = execFileSync(process.execPath, ['--import', 'tsx', cli, file], { encoding: 'utf8' });
    expect(okRun).toMatch(/chain intact, 4 rows/);
    tamper(`UPDATE audit SET event = 'print' WHERE seq = 1`);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, file], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/BROKEN at row 1/);
  });

  it('record ids are pseudonymous: stable per kiosk secret, different across kiosks', () => {
    const a = loadOrCreateKioskSecret(path.join(dir, 'a'));
    const again = loadOrCreateKioskSecret(path.join(dir, 'a'));
    const b = loadOrCreateKioskSecret(path.join(dir, 'b'));
    expect(pseudonymousRecordId(a, 'container-1')).toBe(pseudonymousRecordId(again, 'container-1'));
    expect(pseudonymousRecordId(a, 'container-1')).not.toBe(pseudonymousRecordId(b, 'container-1'));
    expect(pseudonymousRecordId(a, 'container-1')).not.toContain('container');
  });
});
