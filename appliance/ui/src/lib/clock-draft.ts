/**
 * The date and time the technician composes with steppers (TechnicianClock.svelte), in the
 * kiosk's local time: the page runs on the kiosk, so its time zone is the kiosk's.
 */
import { CLOCK_EARLIEST_MS, CLOCK_LATEST_MS } from '../../../contract/commands.ts';

export type ClockField = 'year' | 'month' | 'day' | 'hour' | 'minute';
export type ClockDraft = Readonly<Record<ClockField, number>>;

export const CLOCK_MIN_YEAR = new Date(CLOCK_EARLIEST_MS).getUTCFullYear();
export const CLOCK_MAX_YEAR = new Date(CLOCK_LATEST_MS).getUTCFullYear() - 1;

const daysIn = (year: number, month: number) => new Date(year, month, 0).getDate();

export function draftFrom(date: Date): ClockDraft {
  return {
    year: Math.min(CLOCK_MAX_YEAR, Math.max(CLOCK_MIN_YEAR, date.getFullYear())),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
  };
}

function range(draft: ClockDraft, field: ClockField): readonly [number, number] {
  switch (field) {
    case 'year':
      return [CLOCK_MIN_YEAR, CLOCK_MAX_YEAR];
    case 'month':
      return [1, 12];
    case 'day':
      return [1, daysIn(draft.year, draft.month)];
    case 'hour':
      return [0, 23];
    case 'minute':
      return [0, 59];
  }
}

/** Steps wrap within their field (23 → 0, Dec → Jan), the year stops at its bounds; the day follows the month's length. */
export function stepClock(draft: ClockDraft, field: ClockField, by: 1 | -1): ClockDraft {
  const [low, high] = range(draft, field);
  let value = draft[field] + by;
  if (field === 'year') value = Math.min(high, Math.max(low, value));
  else if (value > high) value = low;
  else if (value < low) value = high;
  const next = { ...draft, [field]: value };
  return { ...next, day: Math.min(next.day, daysIn(next.year, next.month)) };
}

/** The instant the command carries (UTC, as `technician.set_clock` wants it). */
export function draftInstant(draft: ClockDraft): string {
  return new Date(draft.year, draft.month - 1, draft.day, draft.hour, draft.minute, 0).toISOString();
}
