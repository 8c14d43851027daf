import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOG_EVENTS } from '../appliance/common/log-events.ts';
import { LOG_EVENTS_DOC, renderLogEventsDoc } from './log-events-doc.ts';

describe('docs/log-events.md', () => {
  it('is the catalogue, as generated (node --import tsx scripts/log-events-doc.ts)', () => {
    const doc = readFileSync(LOG_EVENTS_DOC, 'utf8');
    expect(doc).toBe(renderLogEventsDoc());
    for (const [event, { level }] of Object.entries(LOG_EVENTS))
      expect(doc).toContain(`| \`${event}\` | ${level} |`);
  });
});
