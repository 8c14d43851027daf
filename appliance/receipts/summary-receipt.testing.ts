/** The summary receipt as the tests print it, and read back through the virtual printer's decoder. */
import { decodeReceiptText } from '../dev/virtual-printer/decoder.ts';
import type { Summary } from '../record/summary/types.ts';
import { renderSummaryReceipt, type SummaryReceiptInput } from './summary-receipt.ts';

/** A nurse printing `summary`, verified and signed, at the CHU's emergency room: French, 80 mm, WPC1252. */
export const receiptInput = (
  summary: Summary,
  over: Partial<SummaryReceiptInput> = {},
): SummaryReceiptInput => ({
  summary,
  verification: { status: 'valid', signer: 'Dr Anaïs LEFÈVRE', signedAt: '2026-10-02' },
  site: { name: 'CHU — Urgences' },
  printedAt: new Date('2026-11-28T13:45:00Z'),
  printedBy: { name: 'Marie DURAND', profession: 'nurse' },
  language: 'fr',
  width: 80,
  codePage: 'wpc1252',
  timeZone: 'Europe/Paris',
  ...over,
});

/** The printed receipt's transcript (text with style markup such as `[INVERT]`). */
export const transcriptOf = async (input: SummaryReceiptInput): Promise<string> =>
  decodeReceiptText((await renderSummaryReceipt(input)).bytes).transcript;

/** The receipt as one line of words (wrapping and style markup removed). */
export const wordsOf = async (input: SummaryReceiptInput): Promise<string> =>
  (await transcriptOf(input)).replace(/\[\/?[A-Z]+\]/g, '').replace(/\s+/g, ' ');
