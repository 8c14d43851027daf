/**
 * Word normalisation shared by name search and substance matching: case, accents and ligatures
 * removed, punctuation split, and two spelling differences between French, English and German
 * drug names folded ("ph"/"f", "th"/"t") plus final "e"s dropped (amoxicilline/amoxicillin,
 * paracétamol/paracetamol, warfarine/warfarin). Both sides of every comparison go through it.
 */

export function normaliseWords(text: string): string[] {
  const plain = text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (plain === '') return [];
  return plain.split(' ').map(normaliseWord);
}

export function normaliseWord(word: string): string {
  let w = word.replace(/ph/g, 'f').replace(/th/g, 't');
  if (w.length > 3 && !/\d/.test(w)) w = w.replace(/e+$/, '');
  return w;
}

/** True when `needle` occurs as a contiguous run of whole words in `haystack`. */
export function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
