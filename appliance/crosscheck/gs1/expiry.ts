/**
 * GS1 dates (YYMMDD). Day "00" means the last day of the month (GS1 General Specifications
 * §3.4.6 / §7.12); the century follows the §7.12 sliding window around the reference year.
 */

export interface Gs1Date {
  readonly year: number;
  readonly month: number;
  /** The resolved day (end of month when the code says 00). */
  readonly day: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidYymmdd(yymmdd: string): boolean {
  if (!/^\d{6}$/.test(yymmdd)) return false;
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return false;
  // Day validity depends on the century only for 29 February; 2000-based years are leap-compatible.
  return day <= daysInMonth(2000 + Number(yymmdd.slice(0, 2)), month);
}

export function resolveYymmdd(yymmdd: string, now: Date): Gs1Date | undefined {
  if (!isValidYymmdd(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const current = now.getFullYear();
  const century = Math.floor(current / 100) * 100;
  const diff = yy - (current % 100);
  let year = century + yy;
  if (diff >= 51) year -= 100;
  else if (diff <= -50) year += 100;
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const resolvedDay = day === 0 ? daysInMonth(year, month) : day;
  if (resolvedDay > daysInMonth(year, month)) return undefined;
  return { year, month, day: resolvedDay };
}

export function isoDate(date: Gs1Date): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** A box is expired once its expiry day has passed (usable through that day, kiosk local time). */
export function isExpired(yymmdd: string, now: Date): boolean | undefined {
  const date = resolveYymmdd(yymmdd, now);
  if (date === undefined) return undefined;
  const today = isoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
  return isoDate(date) < today;
}
