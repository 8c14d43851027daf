/**
 * Writes docs/log-events.md from the catalogue (appliance/common/log-events.ts):
 *   node --import tsx scripts/log-events-doc.ts
 * A test fails when the document and the catalogue differ.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOG_EVENTS } from '../appliance/common/log-events.ts';

export const LOG_EVENTS_DOC = fileURLToPath(new URL('../docs/log-events.md', import.meta.url));

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderLogEventsDoc(): string {
  const rows = Object.entries(LOG_EVENTS).map(
    ([event, { level, description }]) => `| \`${event}\` | ${level} | ${escapeCell(description)} |`,
  );
  return [
    '# Log events',
    '',
    '<!-- Generated from appliance/common/log-events.ts by `node --import tsx scripts/log-events-doc.ts`; do not edit. -->',
    '',
    'Every log line of the kiosk (server and drivers) and of its boot helpers has one `event` from',
    'this table, at this level. Fields (in parentheses) are identifiers, statuses, outcomes, codes',
    'and counts — never a name, a PIN, a patient code or clinical text (HZ-12). The technician’s log',
    'export keeps the event, level, time and a whitelist of these fields (see docs/architecture.md, Logs).',
    '',
    '| Event | Level | Description (fields) |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(LOG_EVENTS_DOC, renderLogEventsDoc());
  console.log(`wrote ${LOG_EVENTS_DOC}`);
}
