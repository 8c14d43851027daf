/**
 * Shorter forms of the allergy section, for a receipt whose allergies alone would pass the receipt
 * limits (bounded.ts): every allergy is still named, in the record's order (HZ-03); what a form
 * leaves out (reactions, notes, the end of a long name) is marked "continued on screen".
 * - `compact`: one band per allergy, its name (≤ 120 characters) and criticality;
 * - `list`: the names (≤ 40 characters each, "(!)" after a high criticality) run on, in bands of
 *   at most 240 characters so that no band is cut by the per-text limits, even drawn as an image.
 */
import type { AllergyItem } from '../record/summary/types.ts';
import type { Block } from '../drivers/printer/layout/layout.ts';
import { limitChars } from '../drivers/printer/layout/limits.ts';
import type { ReceiptLabels } from './labels.ts';

export const ALLERGY_FORMS = ['full', 'compact', 'list'] as const;
export type AllergyForm = (typeof ALLERGY_FORMS)[number];

const COMPACT_NAME_CHARS = 120;
const LIST_NAME_CHARS = 40;
const LIST_BAND_CHARS = 240;
const SEPARATOR = ' ; ';

export const allergyBand = (text: string, indent = 0): Block => ({
  kind: 'text',
  text,
  style: { bold: true, invert: true, firstIndent: indent, indent: indent + 2 },
});

function shortName(name: string, maxChars: number): { readonly text: string; readonly cut: boolean } {
  const limited = limitChars(name, maxChars);
  return limited.cut ? { text: `${limited.text}…`, cut: true } : limited;
}

export function compactAllergyBlocks(
  items: readonly AllergyItem[],
  l: ReceiptLabels,
  nameOf: (a: AllergyItem) => string,
  mark: string,
): Block[] {
  let cut = false;
  const bands = items.map((a) => {
    const name = shortName(nameOf(a), COMPACT_NAME_CHARS);
    cut ||= name.cut || a.reactions.length > 0 || a.note !== undefined;
    return allergyBand(`! ${name.text} — ${l.criticality[a.criticality]}`);
  });
  return [...bands, ...(cut ? [allergyBand(mark)] : [])];
}

export function listAllergyBlocks(
  items: readonly AllergyItem[],
  l: ReceiptLabels,
  nameOf: (a: AllergyItem) => string,
  mark: string,
): Block[] {
  const bands: Block[] = [];
  let current = '';
  for (const a of items) {
    const name = `${shortName(nameOf(a), LIST_NAME_CHARS).text}${a.criticality === 'high' ? ' (!)' : ''}`;
    const next = current ? `${current}${SEPARATOR}${name}` : `! ${name}`;
    if ([...next].length > LIST_BAND_CHARS && current) {
      bands.push(allergyBand(current));
      current = `! ${name}`;
    } else {
      current = next;
    }
  }
  if (current) bands.push(allergyBand(current));
  // Criticality words, reactions and notes are left out of this form: always marked.
  return [...bands, allergyBand(`(!) ${l.criticality.high}`), allergyBand(mark)];
}
