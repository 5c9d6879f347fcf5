import { DateTime } from 'luxon';
import { Instant, ROME, toEpochMs } from './instant';

/** A day of the Europe/Rome calendar written `YYYY-MM-DD` (CAL-1). */
export type CalendarDate = string;

export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

const WEEKDAYS: readonly Weekday[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

// A date is a label: arithmetic on labels is zone-free, so it runs on UTC days of exactly 24 h.
// Only the mapping between labels and instants needs Europe/Rome (CAL-1).
function dayNumber(date: CalendarDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) return NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  const valid = back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
  return valid ? ms / DAY_MS : NaN;
}

function fromDayNumber(days: number): CalendarDate {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function isCalendarDate(value: string): boolean {
  return !Number.isNaN(dayNumber(value));
}

export function assertCalendarDate(value: string): CalendarDate {
  if (!isCalendarDate(value)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
  return value;
}

/** The Europe/Rome calendar date on which the instant falls (CAL-1). */
export function romeDateOf(instant: Instant): CalendarDate {
  return romeDateAt(toEpochMs(instant));
}

export function romeDateAt(epochMs: number): CalendarDate {
  return DateTime.fromMillis(epochMs, { zone: ROME }).toISODate() as string;
}

/** 00:00 Europe/Rome of the date, as epoch ms (midnight always exists: Italy changes at 02:00). */
export function startOfRomeDay(date: CalendarDate): number {
  const [year, month, day] = assertCalendarDate(date).split('-').map(Number);
  return DateTime.fromObject({ year, month, day }, { zone: ROME }).toMillis();
}

/** 23:59:59.999 Europe/Rome of the date, as epoch ms: the last instant a day-based term is met. */
export function endOfRomeDay(date: CalendarDate): number {
  return startOfRomeDay(addDays(date, 1)) - 1;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(checked(date) + days);
}

/** `to − from` in whole days. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return checked(to) - checked(from);
}

export function weekdayOf(date: CalendarDate): Weekday {
  // Day 0 of the epoch, 1970-01-01, was a Thursday.
  return WEEKDAYS[(((checked(date) + 4) % 7) + 7) % 7];
}

export function yearOf(date: CalendarDate): number {
  return Number(assertCalendarDate(date).slice(0, 4));
}

function checked(date: CalendarDate): number {
  const days = dayNumber(date);
  if (Number.isNaN(days)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return days;
}
