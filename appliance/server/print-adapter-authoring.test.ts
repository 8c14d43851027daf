import { describe, expect, it } from 'vitest';
import { MemoryPrinter } from '../dev/memory-printer.ts';
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import { frenchSummary } from '../receipts/summaries.testing.ts';
import { createPrintPort } from './print-adapter.ts';
import type { PrintJob } from './ports.ts';
import type { AuthoringPrint } from './session/authoring-state.ts';

const job = (authoring: AuthoringPrint): PrintJob => ({
  type: 'print',
  jobId: 1,
  summary: frenchSummary(),
  verification: { status: 'valid', signer: 'Dr Test', signedAt: '2026-10-02' },
  printedBy: { name: 'Dr Claire MARTIN', profession: 'doctor' },
  language: 'fr',
  authoring,
});

async function printed(authoring: AuthoringPrint): Promise<string> {
  const printer = new MemoryPrinter();
  const port = createPrintPort({ printer, siteName: 'Urgences', width: 80, codePage: 'wpc1252' });
  const final = await port.run(job(authoring), () => undefined, new AbortController().signal);
  expect(final).toEqual({ status: 'done' });
  return decodeReceiptText(printer.last() ?? new Uint8Array()).plain.replace(/\s+/g, ' ');
}

describe('print adapter: the author’s prints (issue 16)', () => {
  it('the code card prints the new key’s code, not the summary', async () => {
    const text = await printed({
      kind: 'code_card',
      code: '0123-4567-89AB-CDEZ',
      createdAt: Date.parse('2026-12-03T10:00:00Z'),
    });
    expect(text).toContain('0123-4567');
    expect(text).not.toContain(frenchSummary().patient.name ?? '§');
  });

  it('HZ-24 the change receipt prints the reviewed lines as typed, the author and the version', async () => {
    const text = await printed({
      kind: 'change_receipt',
      changes: [{ kind: 'added', section: 'allergies', after: { label: 'Latex', criticality: 'high' } }],
      author: { name: 'Dr Claire MARTIN', nationalId: '810001234565', profession: 'doctor' },
      version: 2,
      newRecord: false,
      writtenAt: Date.parse('2026-12-03T10:00:00Z'),
    });
    expect(text).toContain('Latex (CRITICITÉ HAUTE)');
    expect(text).toContain('Dr Claire MARTIN');
    expect(text).toContain('RPPS 10001234565');
  });
});
