/**
 * The patient's own view (issue 19): the record port reads the key's access log with the patient's
 * code and hands the session what the patient will see, nothing more.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { memorySource } from '../record/block-source.ts';
import { generatePatientCode, type PatientCode } from '../record/code/patient-code.ts';
import { sealContainer } from '../record/container/index.ts';
import { RECORD_PATH } from '../record/container/layout.ts';
import { createKeyImage, writeKeyFile } from '../record/fat/index.ts';
import { appendAccessLog } from '../record/access-log/index.ts';
import { createRecordPort } from './record-adapter.ts';

let code: PatientCode;
let image: Uint8Array;
const port = createRecordPort({
  trustAnchorsPem: [],
  emergencyKeyring: [],
  kioskSecret: new Uint8Array(32),
  siteName: 'Kiosk',
});

beforeAll(async () => {
  code = generatePatientCode();
  const enc = new TextEncoder();
  const container = await sealContainer({
    tiers: { full: enc.encode('{"t":1}'), emergency: enc.encode('{"t":2}') },
    code,
    emergencyKeys: [],
    p2c: 1000,
  });
  image = createKeyImage({ layout: 'superfloppy', fat: 'fat16', sizeBytes: 4 << 20 });
  if (!writeKeyFile(memorySource(image), RECORD_PATH, container).ok) throw new Error('key');
  const opened = [
    { site: 'Pharmacie Test', who: { name: 'Ph. Test', profession: 'pharmacist' }, tier: 'full' },
    {
      site: 'Urgences Test',
      who: { name: 'Inf. Test', profession: 'nurse' },
      tier: 'emergency',
      breakGlassReason: 'Patient inconscient',
    },
  ] as const;
  for (const [i, entry] of opened.entries()) {
    const r = await appendAccessLog(memorySource(image), entry, {
      now: new Date(Date.UTC(2026, 10, 28 + i)),
    });
    if (!r.ok) throw new Error('append');
  }
});

describe('HZ-20 the patient’s log through the record port', () => {
  it('both openings, newest first, the break-glass one with its reason; no national id', async () => {
    const log = await port.readAccessLog(memorySource(image), code);
    expect(log).toEqual({
      status: 'ready',
      unreadable: 0,
      entries: [
        {
          when: '2026-11-29T00:00:00.000Z',
          site: 'Urgences Test',
          name: 'Inf. Test',
          profession: 'nurse',
          tier: 'emergency',
          breakGlassReason: 'Patient inconscient',
        },
        {
          when: '2026-11-28T00:00:00.000Z',
          site: 'Pharmacie Test',
          name: 'Ph. Test',
          profession: 'pharmacist',
          tier: 'full',
        },
      ],
    });
  });

  it('a wrong code reads nothing', async () => {
    const log = await port.readAccessLog(memorySource(image), 'AAAA-AAAA-AAAA-AAAA');
    expect(log.status).toBe('failed');
  });
});
