import { DueTerm } from '../terms/term';
import { CalendarDate, assertCalendarDate, daysBetween, romeDateOf } from '../time/calendar-date';
import { Instant, toEpochMs } from '../time/instant';

const DAY_MS = 86_400_000;

/** CAL-7, hour-based terms: every started 24-hour period after the due instant is a day. */
export function daysOfDelayAfterInstant(dueAt: Instant, fulfilledAt: Instant): number {
  const lateness = toEpochMs(fulfilledAt) - toEpochMs(dueAt);
  return lateness > 0 ? Math.ceil(lateness / DAY_MS) : 0;
}

/** CAL-7, date-based terms: calendar days from the day after the due date through the day of
 * fulfilment, in solar days whatever the term counted. */
export function daysOfDelayAfterDate(dueDate: CalendarDate, fulfilledAt: Instant): number {
  return Math.max(0, daysBetween(assertCalendarDate(dueDate), romeDateOf(fulfilledAt)));
}

export type DelayBasis = 'STARTED_24_HOUR_PERIODS' | 'CALENDAR_DAYS_AFTER_DUE_DATE';

export interface Delay {
  rule: 'CAL-7';
  basis: DelayBasis;
  days: number;
  /** Fulfilment minus the due instant, 0 when on time. */
  latenessMs: number;
}

/** CAL-7: how late an act fulfilling the term is, by the term's own kind. */
export function delayOf(term: DueTerm, fulfilledAt: Instant): Delay {
  const latenessMs = Math.max(0, toEpochMs(fulfilledAt) - toEpochMs(term.dueAt));
  if (term.kind === 'ELAPSED_HOURS') {
    const days = daysOfDelayAfterInstant(term.dueAt, fulfilledAt);
    return { rule: 'CAL-7', basis: 'STARTED_24_HOUR_PERIODS', days, latenessMs };
  }
  const days = daysOfDelayAfterDate(term.dueDate, fulfilledAt);
  return { rule: 'CAL-7', basis: 'CALENDAR_DAYS_AFTER_DUE_DATE', days, latenessMs };
}
