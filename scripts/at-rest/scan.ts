/**
 * Searches files for needles, as bytes: UTF-8 and UTF-16LE (Chromium's storage), case-sensitive.
 * Reports where each hit is, never the needle itself (the report must not become patient data at
 * rest in a CI log): the needle's index in the list and the file.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

export interface Hit {
  readonly file: string;
  readonly needle: number;
  readonly encoding: 'utf8' | 'utf16le';
}

export function filesUnder(root: string, modifiedSince = 0): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // not ours to read (another user's private folder in /tmp)
    }
    for (const name of names) {
      const full = path.join(dir, name);
      let st: Stats;
      try {
        st = statSync(full, { throwIfNoEntry: false }) as Stats;
      } catch {
        continue;
      }
      if (st === undefined) continue;
      if (st.isDirectory()) walk(full);
      else if (st.isFile() && st.mtimeMs >= modifiedSince && st.size <= 256 * 1024 * 1024) out.push(full);
    }
  };
  walk(root);
  return out;
}

interface Pattern {
  readonly needle: number;
  readonly bytes: Buffer;
  readonly encoding: Hit['encoding'];
}

/**
 * One pass over each file for all needles (hundreds of needles over hundreds of MB): candidates
 * are looked up by their first four bytes, then compared whole.
 */
export function scan(files: readonly string[], needles: readonly string[]): { hits: Hit[]; bytes: number } {
  const byPrefix = new Map<number, Pattern[]>();
  needles.forEach((n, needle) => {
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const bytes = Buffer.from(n, encoding);
      if (bytes.length < 4) continue;
      const key = bytes.readUInt32LE(0);
      const list = byPrefix.get(key) ?? [];
      list.push({ needle, bytes, encoding });
      byPrefix.set(key, list);
    }
  });
  const hits: Hit[] = [];
  let bytes = 0;
  for (const file of files) {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      continue;
    }
    bytes += data.byteLength;
    const found = new Set<string>();
    for (let i = 0; i + 4 <= data.length; i++) {
      const candidates = byPrefix.get(data.readUInt32LE(i));
      if (candidates === undefined) continue;
      for (const c of candidates) {
        const id = `${c.needle}:${c.encoding}`;
        if (found.has(id) || i + c.bytes.length > data.length) continue;
        if (data.compare(c.bytes, 0, c.bytes.length, i, i + c.bytes.length) === 0) {
          found.add(id);
          hits.push({ file, needle: c.needle, encoding: c.encoding });
        }
      }
    }
  }
  return { hits, bytes };
}
