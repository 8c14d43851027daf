/**
 * Line decoding for BDPM files as published: one release mixes Windows-1252 and UTF-8 lines,
 * some bytes are invalid in both, and line endings are CRLF or LF. Each line is decoded on its
 * own: UTF-8 when it is valid UTF-8, else Windows-1252 (which maps every byte; the five
 * undefined bytes become C1 controls, which `splitFields` then drops).
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252 bytes 0x80–0x9F (WHATWG encoding index). Node built with small ICU decodes
 * "windows-1252" as Latin-1, so the table is ours; the five undefined bytes map to C1 controls.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function cp1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

export function decodeLine(bytes: Uint8Array): string {
  let ascii = true;
  for (const b of bytes) {
    if (b >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return cp1252(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    return cp1252(bytes);
  }
}

/** Splits a file into decoded lines (LF or CRLF), skipping blank lines. */
export function decodeLines(buffer: Uint8Array): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i <= buffer.length; i++) {
    if (i !== buffer.length && buffer[i] !== 0x0a) continue;
    let end = i;
    if (end > start && buffer[end - 1] === 0x0d) end--;
    if (end > start) {
      const line = decodeLine(buffer.subarray(start, end));
      if (line.trim() !== '') lines.push(line);
    }
    start = i + 1;
  }
  return lines;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Tab-separated fields, trimmed, control characters removed; trailing empty fields dropped. */
export function splitFields(line: string): string[] {
  const fields = line.split('\t').map((f) => f.replace(CONTROL, '').replace(/\s+/g, ' ').trim());
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  return fields;
}
