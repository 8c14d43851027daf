import { describe, expect, it } from 'vitest';
import { CommandSchema } from '../../../contract/commands.ts';
import {
  CLOCK_MAX_YEAR,
  CLOCK_MIN_YEAR,
  draftFrom,
  draftInstant,
  stepClock,
  type ClockDraft,
} from './clock-draft.ts';

const draft = (d: Partial<ClockDraft> = {}): ClockDraft => ({
  year: 2026,
  month: 12,
  day: 3,
  hour: 14,
  minute: 5,
  ...d,
});

describe('the technician composes a date and time with steppers', () => {
  it('HZ-25 a reset RTC (year 2001) starts the draft at the earliest year the command accepts', () => {
    expect(draftFrom(new Date(2001, 0, 1, 0, 3)).year).toBe(CLOCK_MIN_YEAR);
    expect(draftFrom(new Date(2150, 0, 1)).year).toBe(CLOCK_MAX_YEAR);
  });

  it('fields wrap, the year stops at its bounds, the day follows the month', () => {
    expect(stepClock(draft({ minute: 59 }), 'minute', 1).minute).toBe(0);
    expect(stepClock(draft({ hour: 0 }), 'hour', -1).hour).toBe(23);
    expect(stepClock(draft({ month: 12 }), 'month', 1).month).toBe(1);
    expect(stepClock(draft({ year: CLOCK_MIN_YEAR }), 'year', -1).year).toBe(CLOCK_MIN_YEAR);
    expect(stepClock(draft({ year: CLOCK_MAX_YEAR }), 'year', 1).year).toBe(CLOCK_MAX_YEAR);
    expect(stepClock(draft({ month: 1, day: 31 }), 'month', 1)).toMatchObject({ month: 2, day: 28 });
    expect(stepClock(draft({ year: 2027, month: 2, day: 28 }), 'year', 1)).toMatchObject({
      year: 2028,
      day: 28,
    });
    expect(stepClock(draft({ year: 2028, month: 2, day: 29 }), 'day', 1).day).toBe(1);
  });

  it('HZ-25 every draft the steppers can reach is a command the server accepts', () => {
    for (const d of [
      draft(),
      draft({ year: CLOCK_MIN_YEAR, month: 1, day: 1, hour: 0, minute: 0 }),
      draft({ year: CLOCK_MAX_YEAR, month: 12, day: 31, hour: 23, minute: 59 }),
    ]) {
      const at = draftInstant(d);
      expect(new Date(at).getMinutes()).toBe(d.minute);
      // Local midnight on 1 January of the first year may be the previous UTC year east of Greenwich.
      const parsed = CommandSchema.safeParse({ type: 'technician.set_clock', at });
      if (d.year === CLOCK_MIN_YEAR && new Date(at).getUTCFullYear() < CLOCK_MIN_YEAR)
        expect(parsed.success).toBe(false);
      else expect(parsed.success).toBe(true);
    }
  });
});
