/**
 * XHTML narrative (FHIR `text.div`) → one line of plain text, in time linear in the length of the
 * narrative: a key's narrative is hostile input (issue 15). Each character is visited a bounded
 * number of times — no regular expression here can backtrack over a run of characters.
 *
 * Markup: a tag runs from `<` to the next `>`; a `<` with no `>` after it is text. Tags that end a
 * block (`<br>`, `</p>`, `</div>`, `</tr>`, `</li>`, `</h1>`…`</h6>`, `</caption>`, `</thead>`,
 * `</table>`) start a new line, `</td>` and `</th>` leave a space, every other tag disappears.
 * Entities are decoded after the tags are gone; lines are joined with " — ".
 */

import { table } from '../../common/table.ts';

const BLOCK_ENDS: ReadonlySet<string> = new Set([
  'br',
  '/p',
  '/div',
  '/tr',
  '/li',
  '/h1',
  '/h2',
  '/h3',
  '/h4',
  '/h5',
  '/h6',
  '/caption',
  '/thead',
  '/table',
]);

const CELL_ENDS: ReadonlySet<string> = new Set(['/td', '/th']);

const ENTITIES: Readonly<Record<string, string>> = table({
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
});

/** Bounded repetitions only: each attempt reads at most 10 characters. */
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi;

function isWordChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

/** What replaces the tag `html[start..end)` (between `<` and `>`). */
function tagReplacement(html: string, start: number, end: number): string {
  let nameEnd = start;
  if (nameEnd < end && html.charCodeAt(nameEnd) === 0x2f) nameEnd += 1;
  while (nameEnd < end && isWordChar(html.charCodeAt(nameEnd))) nameEnd += 1;
  const name = html.slice(start, nameEnd).toLowerCase();
  if (BLOCK_ENDS.has(name)) return ' \n ';
  if (nameEnd === end && CELL_ENDS.has(name)) return ' ';
  return '';
}

function withoutTags(html: string): string {
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const open = html.indexOf('<', from);
    if (open === -1) break;
    const close = html.indexOf('>', open + 1);
    // No `>` after this `<`: no tag can start further on either; the rest is text.
    if (close === -1) break;
    parts.push(html.slice(from, open), tagReplacement(html, open + 1, close));
    from = close + 1;
  }
  parts.push(html.slice(from));
  return parts.join('');
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    if (name.startsWith('#')) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const code = hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** XHTML narrative as one line of plain text (tags removed, entities decoded, spaces collapsed). */
export function narrativeText(div: unknown): string | undefined {
  if (typeof div !== 'string') return undefined;
  const text = decodeEntities(withoutTags(div))
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join(' — ');
  return text === '' ? undefined : text;
}

/** How far into the narrative its opening `<div …>` tag is looked for (a key's narrative is hostile). */
const OPENING_TAG_LIMIT = 2000;
const LANG_ATTRIBUTE = /\s(xml:lang|lang)\s{0,8}=\s{0,8}(?:"([^"<>]{1,35})"|'([^'<>]{1,35})')/g;

/**
 * The language the narrative's own `div` declares (`xml:lang`, else `lang`; FHIR R4 Narrative is
 * XHTML, where both may be present with the same value), as written; undefined when it declares none.
 */
export function narrativeLanguage(div: unknown): string | undefined {
  if (typeof div !== 'string') return undefined;
  const open = div.indexOf('<');
  const close = open === -1 ? -1 : div.indexOf('>', open + 1);
  if (close === -1 || close - open > OPENING_TAG_LIMIT) return undefined;
  const tag = div.slice(open, close);
  if (!/^<div[\s/]/i.test(tag + ' ')) return undefined;
  const found = new Map<string, string>();
  for (const m of tag.matchAll(LANG_ATTRIBUTE)) {
    const value = (m[2] ?? m[3] ?? '').trim();
    if (m[1] !== undefined && value !== '' && !found.has(m[1])) found.set(m[1], value);
  }
  return found.get('xml:lang') ?? found.get('lang');
}
