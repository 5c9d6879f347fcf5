import { CalendarDate, isCalendarDate, romeDateAt, startOfRomeDay } from '../time/calendar-date';
import { Instant, toEpochMs, toIsoUtc } from '../time/instant';

/** A day-based term may start from an instant or directly from a date (e.g. a receipt date). */
export type TermStart = Instant | CalendarDate;

export interface ResolvedStart {
  /** As shown in the explanation: ISO UTC instant, or the date itself. */
  from: string;
  /** Epoch ms of the start (00:00 Europe/Rome when only a date was given). */
  at: number;
  startDate: CalendarDate;
}

export function resolveStart(start: TermStart): ResolvedStart {
  if (typeof start === 'string' && isCalendarDate(start)) {
    return { from: start, at: startOfRomeDay(start), startDate: start };
  }
  const at = toEpochMs(start);
  return { from: toIsoUtc(at), at, startDate: romeDateAt(at) };
}

export function assertCount(value: number, minimum: number, what: string): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${what} must be an integer ≥ ${minimum}: ${value}`);
  }
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}
