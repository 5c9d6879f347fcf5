import { SkipReason } from '../calendar/business-calendar';
import { PauseInterval } from '../pauses/pause';
import { CalendarDate, Weekday } from '../time/calendar-date';
import { CALENDAR_ZONE } from '../time/instant';

/** How a term is counted; everything but ELAPSED_HOURS is date-based for CAL-7. */
export type TermKind = 'SOLAR_DAYS' | 'NON_HOLIDAY_DAYS' | 'WORKING_DAYS' | 'ELAPSED_HOURS';

export interface TermLength {
  value: number;
  unit: 'days' | 'hours';
}

/** One day looked at while counting, in order: counted (with its ordinal) or skipped, and why. */
export interface CountedDay {
  date: CalendarDate;
  weekday: Weekday;
  ordinal: number | null;
  skipped: SkipReason | 'PAUSED' | null;
  /** Name of the holiday on that day, also on days that count (e.g. a solar-day term). */
  holiday: string | null;
  /** CAL-8, AMB-21: a day only partly paused still counts. */
  partlyPaused: boolean;
}

interface TermCommon {
  kind: TermKind;
  /** The rule that says how the term is counted. */
  rule: 'CAL-2' | 'CAL-3' | 'CAL-4' | 'CAL-6';
  /** Every rule the computation applied, for the explanation. */
  rules: readonly string[];
  timeZone: typeof CALENDAR_ZONE;
  /** The start as given: an ISO UTC instant, or a calendar date. */
  from: string;
  /** The day of the start in Europe/Rome (day 0, never counted). */
  startDate: CalendarDate;
  length: TermLength;
  /** The pauses considered, merged (CAL-8). */
  pauses: readonly PauseInterval[];
  /** Day-based terms: the days walked through; elapsed-hour terms: none. */
  days: readonly CountedDay[];
  /** One English sentence saying how the term was computed. */
  summary: string;
}

export interface DueTerm extends TermCommon {
  status: 'DUE';
  /** The last instant at which the act is on time, ISO UTC. */
  dueAt: string;
  /** `dueAt` with its Europe/Rome offset. */
  dueAtLocal: string;
  dueDate: CalendarDate;
  /** What `dueAt` would be with no pauses. */
  unpausedDueAt: string;
  /** Elapsed-hour terms: pause time that moved the due instant (CAL-8). */
  pausedMs: number;
  /** Day-based terms: days skipped because they were paused whole (CAL-8). */
  pausedDays: number;
}

/** CAL-8: an open pause stopped the clock before the term ran out, so no due instant exists. */
export interface SuspendedTerm extends TermCommon {
  status: 'SUSPENDED';
  dueAt: null;
  reason: 'OPEN_PAUSE';
  /** Start of the open pause (clipped to the start of the term), ISO UTC. */
  pausedSince: string;
  /** What is left of the term when the clock resumes. */
  remaining: TermLength;
}

export type Term = DueTerm | SuspendedTerm;
