/**
 * Patient code input: Crockford base32 (https://www.crockford.com/base32.html), printed in
 * groups of 4. Decoding rules from the spec: case-insensitive, I and L read as 1, O as 0,
 * hyphens and spaces ignored. The check character is verified by the server.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 15 data characters and one check character (docs/key-format.md, "Patient code"). */
export const CODE_LENGTH = 16;

export function normalizeCodeChar(char: string): string | undefined {
  const upper = char.toUpperCase();
  if (upper === 'I' || upper === 'L') return '1';
  if (upper === 'O') return '0';
  return upper.length === 1 && CODE_ALPHABET.includes(upper) ? upper : undefined;
}

export function groupsOf4(code: string): string[] {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += 4) groups.push(code.slice(i, i + 4));
  return groups;
}
