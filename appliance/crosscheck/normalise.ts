/**
 * Word normalisation shared by name search and substance matching, so that a name written in
 * French, English, German, Spanish or Italian, in the singular or plural, compares equal:
 * case, accents and ligatures removed, punctuation split, "ph"/"f", "th"/"t" and "ll"/"l" folded,
 * then one plural "s" and the final vowels "e", "a", "o" dropped (amoxicilline = amoxicillin =
 * amoxicilina = amoxicillina; pénicillines = penicillin; paracétamol = paracetamolo). Both sides
 * of every comparison go through it. Every step is a single pass over the word (linear time on
 * any input: this reads text from the key).
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

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Drops trailing characters of `chars` while the word stays longer than `min`. */
function dropTrailing(word: string, chars: string, min: number): string {
  let end = word.length;
  while (end > min && chars.includes(word.charAt(end - 1))) end--;
  return word.slice(0, end);
}

export function normaliseWord(word: string): string {
  let w = word.replaceAll('ph', 'f').replaceAll('th', 't').replaceAll('ll', 'l');
  if (w.length <= 3 || hasDigit(w)) return w;
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  w = dropTrailing(w, 'e', 3);
  if (w.length > 5) w = dropTrailing(w, 'ao', 4);
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
