import { describe, expect, it } from 'vitest';
import { toRow } from './audit-log.ts';

describe('record authoring in the kiosk audit (issue 16, item 7)', () => {
  it('a written record: who (national id, profession), when, record HMAC in its column, version and kind; nothing else', () => {
    const row = toRow(
      7,
      {
        event: 'record_written',
        who: { nationalId: '810001234567', profession: 'doctor' },
        recordId: 'hmac-rid',
        version: 3,
        kind: 'update',
      },
      Date.parse('2026-12-03T10:00:00Z'),
    );
    expect(row).toEqual({
      seq: 7,
      at: '2026-12-03T10:00:00.000Z',
      event: 'record_written',
      actorId: '810001234567',
      actorProfession: 'doctor',
      recordId: 'hmac-rid',
      detail: '{"kind":"update","version":3}',
    });
  });

  it('a failed write: its reason code only', () => {
    const row = toRow(
      1,
      {
        event: 'record_write_failed',
        who: { nationalId: '8', profession: 'midwife' },
        kind: 'new',
        reason: 'card_removed',
      },
      0,
    );
    expect(row.recordId).toBeNull();
    expect(row.detail).toBe('{"kind":"new","reason":"card_removed"}');
  });
});
