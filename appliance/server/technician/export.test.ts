import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memorySource } from '../../record/block-source.ts';
import { RECORD_PATH } from '../../record/container/layout.ts';
import { createKeyImage, listDir, writeKeyFile } from '../../record/fat/index.ts';
import { AuditLog } from '../audit/audit-log.ts';
import type { Diagnostics } from '../../contract/diagnostics.ts';
import { exportToKey, siteSlug } from './export.ts';
import { readTechnicianFile } from './key-files.ts';
import { createLogRing } from './log-ring.ts';

const now = new Date('2026-11-28T14:05:00Z');
const who = { nationalId: '810000123456', profession: 'nurse' as const };
const diagnostics = {
  gatheredAt: now.toISOString(),
  software: { version: '0.1.0', source: 'package_json' },
  cpu: { status: 'unavailable', reason: 'timeout' },
  devices: {
    reader: { status: 'no_reader' },
    printer: { status: 'ready', paperNearEnd: false },
    usbKey: { status: 'key_present' },
  },
} as unknown as Diagnostics;

let dir: string;
let auditFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baladeur-export-'));
  auditFile = path.join(dir, 'audit.sqlite');
  const log = new AuditLog(auditFile);
  log.append({ event: 'card_authenticated', who }, 1_000);
  log.append({ event: 'break_glass', who, recordId: 'r1', reason: 'unconscious' }, 2_000);
  log.append({ event: 'print', who, recordId: 'r1', tier: 'emergency', outcome: 'done' }, 3_000);
  log.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const blankKey = () => createKeyImage({ layout: 'partitioned', fat: 'fat32', sizeBytes: 40 * 1024 * 1024 });
const text = (source: ReturnType<typeof memorySource>, file: string) => {
  const read = readTechnicianFile(source, file, 1024 * 1024);
  if (!read.ok) throw new Error(read.error.message);
  return new TextDecoder().decode(read.value);
};

describe('export to a technician key', () => {
  it('writes the audit, its verification, diagnostics and recent logs, readable back from the FAT image', () => {
    const ring = createLogRing();
    ring.stream.write('{"level":30,"time":1,"event":"print.job","outcome":"printed"}\n');
    const image = blankKey();
    const result = exportToKey(memorySource(image), {
      now,
      siteName: 'CHU de Test — Évry',
      auditFile,
      diagnostics,
      logLines: ring.entries(),
    });
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.value.folder).toBe('BALADEUR-EXPORT/2026-11-28-chu-de-test-evry');
    expect(result.value.audit).toMatchObject({ result: 'intact', rows: 3 });

    const key = memorySource(image, { readOnly: true });
    const listing = listDir(key, result.value.folder);
    expect(listing.ok && listing.value.map((e) => e.name).sort()).toEqual([
      'audit-verify.json',
      'audit.jsonl',
      'diagnostics.json',
      'manifest.json',
      'recent-logs.jsonl',
    ]);
    const verify = JSON.parse(text(key, `${result.value.folder}/audit-verify.json`));
    expect(verify).toMatchObject({ result: 'intact', rows: 3, verifiedAt: now.toISOString() });
    const rows = text(key, `${result.value.folder}/audit.jsonl`)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.event)).toEqual(['card_authenticated', 'break_glass', 'print']);
    expect(JSON.parse(text(key, `${result.value.folder}/diagnostics.json`)).cpu).toEqual({
      status: 'unavailable',
      reason: 'timeout',
    });
    expect(text(key, `${result.value.folder}/recent-logs.jsonl`)).toContain('"print.job"');
    const manifest = JSON.parse(text(key, `${result.value.folder}/manifest.json`));
    expect(manifest.files).toHaveLength(4);
  });

  it('reports a broken audit chain in audit-verify.json', () => {
    const db = new Database(auditFile);
    db.exec('DROP TRIGGER audit_no_update; UPDATE audit SET detail = \'{"reason":"other"}\' WHERE seq = 2');
    db.close();
    const image = blankKey();
    const result = exportToKey(memorySource(image), {
      now,
      siteName: 'x',
      auditFile,
      diagnostics,
      logLines: [],
    });
    expect(result).toMatchObject({
      ok: true,
      value: { audit: { result: 'broken', rows: 3, break: { seq: 2, problem: 'hash_mismatch' } } },
    });
    const verify = JSON.parse(text(memorySource(image), 'BALADEUR-EXPORT/2026-11-28-x/audit-verify.json'));
    expect(verify.result).toBe('broken');
  });

  it('a missing or unreadable audit file is reported, the export still happens', () => {
    const missing = exportToKey(memorySource(blankKey()), {
      now,
      siteName: 's',
      auditFile: path.join(dir, 'none.sqlite'),
      diagnostics,
      logLines: [],
    });
    expect(missing).toMatchObject({ ok: true, value: { audit: { result: 'missing', rows: 0 } } });
    const junk = path.join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just text'.repeat(100));
    const unreadable = exportToKey(memorySource(blankKey()), {
      now,
      siteName: 's',
      auditFile: junk,
      diagnostics,
      logLines: [],
    });
    expect(unreadable).toMatchObject({ ok: true, value: { audit: { result: 'unreadable' } } });
  });

  it('a write-protected key is a typed error', () => {
    const result = exportToKey(memorySource(blankKey(), { readOnly: true }), {
      now,
      siteName: 's',
      auditFile,
      diagnostics,
      logLines: [],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'read_only',
        message: { en: 'The key is write-protected.', fr: 'La clé est protégée en écriture.' },
      },
    });
  });

  it("HZ-14 a patient's key is refused and left untouched", () => {
    const image = blankKey();
    expect(
      writeKeyFile(memorySource(image), RECORD_PATH, new TextEncoder().encode('{"sealed":true}')).ok,
    ).toBe(true);
    const digest = () => createHash('sha256').update(image).digest('hex');
    const before = digest();
    const result = exportToKey(memorySource(image), {
      now,
      siteName: 's',
      auditFile,
      diagnostics,
      logLines: [],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'patient_key' } });
    expect(digest()).toBe(before);
  });

  it('a full key is a typed error', () => {
    const tiny = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 2 * 1024 * 1024 });
    const lines = Array.from({ length: 5000 }, (_, i) => ({
      time: new Date(i).toISOString(),
      level: 'info' as const,
      event: 'print.job' as const,
      fields: { count: i, outcome: 'x'.repeat(80) },
    }));
    const result = exportToKey(memorySource(tiny), {
      now,
      siteName: 's',
      auditFile,
      diagnostics: { ...diagnostics, pad: 'p'.repeat(2_500_000) } as unknown as Diagnostics,
      logLines: lines,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'no_space' } });
  });

  it('site names become short ASCII folder names', () => {
    expect(siteSlug("Centre Hospitalier d'Évry — Urgences")).toBe('centre-hospitalier-d-evry-urgences');
    expect(siteSlug('中文')).toBe('site');
    expect(siteSlug('a'.repeat(60))).toHaveLength(40);
  });
});
