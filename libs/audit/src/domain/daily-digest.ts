import { addDays, CalendarDate, romeDateOf, startOfRomeDay } from '@sportello/sla';

/** The deadline kind that wakes the worker to take the day's signed digest. */
export const DAILY_DIGEST = 'audit-daily-digest';

/**
 * The digest of a day (Europe/Rome) is taken once the day is over: it covers every event
 * recorded that day and before, and it is due at the next midnight.
 */
export function digestDueAt(date: CalendarDate): string {
  return new Date(startOfRomeDay(addDays(date, 1))).toISOString();
}

/** The day whose digest is taken next, at `now`. */
export function digestDateAt(now: string): CalendarDate {
  return romeDateOf(now);
}

/** Timer ids carry the date only. */
export const digestTimerId = (date: CalendarDate) => `audit-digest-${date}`;

export function digestDateOfTimer(id: string): CalendarDate | null {
  return /^audit-digest-(\d{4}-\d{2}-\d{2})$/.exec(id)?.[1] ?? null;
}

/**
 * Which days the timers must cover: today's, and yesterday's when it is missing although the
 * job was already running before (a worker down at midnight); never days before the first digest.
 */
export function digestDatesToArm(
  now: string,
  lastTaken: CalendarDate | null,
): { date: CalendarDate; dueAt: string }[] {
  const today = digestDateAt(now);
  const yesterday = addDays(today, -1);
  const dates = lastTaken !== null && lastTaken < yesterday ? [yesterday, today] : [today];
  return dates.map((date) => ({ date, dueAt: digestDueAt(date) }));
}
