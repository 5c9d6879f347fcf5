import { DateTime } from 'luxon';
import { APPENDIX_A_DATES } from './appendix-a';

/** Straightforward reference computations for the property tests, written independently of the
 * implementation: Appendix A for holidays, luxon for days, brute force for pauses. */

export const ROME = 'Europe/Rome';
export const MINUTE = 60_000;
export const SLOT = 15 * MINUTE;

export interface RawPause {
  start: number;
  /** Infinity while open. */
  end: number;
}

export function romeMidnight(date: string): number {
  return DateTime.fromISO(date, { zone: ROME }).toMillis();
}

const utcDay = (date: string) => new Date(`${date}T00:00:00Z`);

export function nextDate(date: string): string {
  return new Date(utcDay(date).getTime() + 86_400_000).toISOString().slice(0, 10);
}

export function isSunday(date: string): boolean {
  return utcDay(date).getUTCDay() === 0;
}

export function isSaturday(date: string): boolean {
  return utcDay(date).getUTCDay() === 6;
}

export function isAppendixAHoliday(date: string): boolean {
  return APPENDIX_A_DATES.has(date);
}

function paused(instant: number, pauses: readonly RawPause[]): boolean {
  return pauses.some((p) => p.start <= instant && instant < p.end);
}

/** Every 15-minute slot of the Rome day lies in some pause (pause ends sit on that grid). */
export function fullyPaused(date: string, pauses: readonly RawPause[]): boolean {
  const end = romeMidnight(nextDate(date));
  for (let t = romeMidnight(date); t < end; t += SLOT) {
    if (!paused(t, pauses)) return false;
  }
  return true;
}

/** From the day's midnight on, pauses leave no gap before an open pause takes over for good. */
export function pausedForever(date: string, pauses: readonly RawPause[]): boolean {
  const from = romeMidnight(date);
  return pauses
    .filter((p) => !Number.isFinite(p.end))
    .some((open) => {
      for (let t = from; t < open.start; t += SLOT) if (!paused(t, pauses)) return false;
      return true;
    });
}

export type ReferenceResult =
  { status: 'DUE'; dueDate: string } | { status: 'SUSPENDED'; counted: number };

/** Appendix B `dueByNthNonHolidayDay`, generalised to the day kinds. */
export function referenceDayCount(
  startDate: string,
  n: number,
  skips: (date: string) => boolean,
  pauses: readonly RawPause[],
): ReferenceResult {
  let date = startDate;
  let count = 0;
  while (count < n) {
    date = nextDate(date);
    if (pausedForever(date, pauses)) return { status: 'SUSPENDED', counted: count };
    if (skips(date) || fullyPaused(date, pauses)) continue;
    count += 1;
  }
  return { status: 'DUE', dueDate: date };
}

export type ReferenceHours =
  { status: 'DUE'; dueMinute: number } | { status: 'SUSPENDED'; remainingMinutes: number };

/** Minute by minute from the start: the clock ticks in every minute no pause covers. */
export function referenceElapsedMinutes(
  start: number,
  minutes: number,
  pauses: readonly RawPause[],
): ReferenceHours {
  let ticked = 0;
  let minute = 0;
  while (ticked < minutes) {
    const t = start + minute * MINUTE;
    if (paused(t, pauses)) {
      if (pauses.some((p) => !Number.isFinite(p.end) && p.start <= t)) {
        return { status: 'SUSPENDED', remainingMinutes: minutes - ticked };
      }
    } else {
      ticked += 1;
    }
    minute += 1;
  }
  return { status: 'DUE', dueMinute: minute };
}
