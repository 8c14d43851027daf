/**
 * Export for the technician: the audit trail, its verification, the diagnostics and the recent
 * log lines, written to a USB key under `BALADEUR-EXPORT/<date>-<site>/` through the FAT layer's
 * careful write. Nothing exported holds patient content: audit rows carry national ids of
 * professionals, pseudonymous record ids and categories only (audit/audit-log.ts), log lines are
 * filtered by the ring (log-ring.ts). A patient's key is refused: the export never writes beside
 * a record.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { BlockSource } from '../../record/block-source.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { fatError, type FatErrorCode } from '../../record/fat/errors.ts';
import { writeKeyFile } from '../../record/fat/files.ts';
import { readStoredRows, verifyRows, type StoredAuditRow } from '../audit/verify.ts';
import type { Diagnostics } from '../../contract/diagnostics.ts';
import type { AuditVerification, BilingualText, ExportResult } from '../../contract/technician-view.ts';
import { holdsPatientRecord } from './key-files.ts';
import type { RingEntry } from './log-ring.ts';
import { KEY_MESSAGES_FR } from './provisioning-messages.ts';

export const EXPORT_DIR = 'BALADEUR-EXPORT';

export interface ExportInput {
  readonly now: Date;
  readonly siteName: string;
  readonly auditFile: string;
  readonly diagnostics: Diagnostics;
  readonly logLines: readonly RingEntry[];
}

export interface ExportError {
  readonly code: FatErrorCode | 'patient_key';
  readonly message: BilingualText;
}

/** `Centre Hospitalier d'Évry` → `centre-hospitalier-d-evry` (ASCII, FAT-safe, ≤ 40 chars). */
export function siteSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-') // dashes now stand alone: the ends need no `-+` (quadratic on runs)
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
  return slug === '' ? 'site' : slug;
}

export function exportFolder(now: Date, siteName: string): string {
  return `${EXPORT_DIR}/${now.toISOString().slice(0, 10)}-${siteSlug(siteName)}`;
}

/** Reads and verifies the audit trail (read-only connection). Never throws. */
export function readAudit(file: string): {
  readonly verification: AuditVerification;
  readonly rows: readonly StoredAuditRow[];
} {
  if (!existsSync(file)) return { verification: { result: 'missing', rows: 0 }, rows: [] };
  try {
    const rows = readStoredRows(file);
    const verified = verifyRows(rows);
    const verification: AuditVerification = verified.ok
      ? { result: 'intact', rows: verified.value.rows, head: verified.value.head }
      : { result: 'broken', rows: rows.length, break: verified.error };
    return { verification, rows };
  } catch (error) {
    return {
      verification: { result: 'unreadable', rows: 0, error: error instanceof Error ? error.name : 'unknown' },
      rows: [],
    };
  }
}

const encode = (text: string) => new TextEncoder().encode(text);
const jsonl = (items: readonly unknown[]) =>
  items.map((i) => JSON.stringify(i)).join('\n') + (items.length > 0 ? '\n' : '');

function keyError(code: FatErrorCode): ExportError {
  return { code, message: { fr: KEY_MESSAGES_FR[code], en: fatError(code).message } };
}

export function exportToKey(source: BlockSource, input: ExportInput): Result<ExportResult, ExportError> {
  if (source.readOnly) return err(keyError('read_only'));
  if (holdsPatientRecord(source)) {
    return err({
      code: 'patient_key',
      message: {
        fr: "Cette clé contient le dossier d'un patient : utilisez une clé technicien vierge.",
        en: "This key holds a patient's record: use a blank technician key.",
      },
    });
  }
  const folder = exportFolder(input.now, input.siteName);
  const audit = readAudit(input.auditFile);
  const verify = { verifiedAt: input.now.toISOString(), site: input.siteName, ...audit.verification };
  const contents: [string, Uint8Array][] = [
    ['audit-verify.json', encode(JSON.stringify(verify, null, 2) + '\n')],
    ['audit.jsonl', encode(jsonl(audit.rows))],
    ['diagnostics.json', encode(JSON.stringify(input.diagnostics, null, 2) + '\n')],
    ['recent-logs.jsonl', encode(jsonl(input.logLines))],
  ];
  const files = contents.map(([name, bytes]) => ({
    name,
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }));
  contents.push([
    'manifest.json',
    encode(JSON.stringify({ exportedAt: input.now.toISOString(), files }, null, 2) + '\n'),
  ]);
  for (const [name, bytes] of contents) {
    const written = writeKeyFile(source, `${folder}/${name}`, bytes);
    if (!written.ok) return err(keyError(written.error.code));
  }
  return ok({ folder, files, audit: audit.verification });
}
