/**
 * The audit hash chain: each row's hash is SHA-256 over the previous row's hash and the
 * canonical JSON of the row (sorted keys), so editing, deleting or reordering any row breaks
 * every later link. Pure.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly event: string;
  readonly actorId: string | null;
  readonly actorProfession: string | null;
  readonly recordId: string | null;
  /** Canonical JSON of the event's other fields (tier, reason category, outcome …). */
  readonly detail: string;
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function rowHash(previousHash: string, row: AuditRow): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson(row)).digest('hex');
}
