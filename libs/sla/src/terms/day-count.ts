import { BusinessCalendar, DayKind } from '../calendar/business-calendar';
import { DayCoverage, PauseSpan, coverageOf } from '../pauses/pause';
import { CalendarDate, addDays, startOfRomeDay, weekdayOf } from '../time/calendar-date';
import { CountedDay } from './term';

export interface DayCount {
  calendar: BusinessCalendar;
  kind: DayKind;
  /** Day 0: never counted (CAL-2, CAL-3). */
  startDate: CalendarDate;
  count: number;
  pauses: readonly PauseSpan[];
}

export type DayCountResult =
  | { status: 'DUE'; dueDate: CalendarDate; days: CountedDay[] }
  | { status: 'SUSPENDED'; pausedSince: number; counted: number; days: CountedDay[] };

/**
 * Appendix B `dueByNthNonHolidayDay`, for any kind of day: walk forward from the day after
 * `startDate`, skip days not of the kind and days paused whole (CAL-8, AMB-21), stop at the
 * `count`-th day that counts.
 */
export function countDays({ calendar, kind, startDate, count, pauses }: DayCount): DayCountResult {
  const days: CountedDay[] = [];
  let date = startDate;
  let counted = 0;
  let dayEnd = pauses.length > 0 ? startOfRomeDay(addDays(date, 1)) : 0;
  while (counted < count) {
    date = addDays(date, 1);
    let coverage: DayCoverage = 'NONE';
    if (pauses.length > 0) {
      const dayStart = dayEnd;
      dayEnd = startOfRomeDay(addDays(date, 1));
      coverage = coverageOf(dayStart, dayEnd, pauses);
    }
    const calendarSkip = calendar.skipReason(kind, date);
    const day: CountedDay = {
      date,
      weekday: weekdayOf(date),
      ordinal: null,
      skipped: calendarSkip,
      holiday: calendar.holidayOn(date)?.name ?? null,
      partlyPaused: coverage === 'PART',
    };
    days.push(day);
    if (coverage === 'WHOLE_AND_OPEN') {
      // Every later day is paused too: the count cannot finish until the pause ends. An open
      // pause absorbs all that follows it, so it is the last merged span.
      day.skipped ??= 'PAUSED';
      const open = pauses[pauses.length - 1];
      return { status: 'SUSPENDED', pausedSince: open.start, counted, days };
    }
    if (calendarSkip) continue;
    if (coverage === 'WHOLE') {
      day.skipped = 'PAUSED';
      continue;
    }
    counted += 1;
    day.ordinal = counted;
  }
  return { status: 'DUE', dueDate: date, days };
}

/** The due date the same count would give with no pauses (no pause, so never suspended). */
export function dueDateWithoutPauses(count: Omit<DayCount, 'pauses'>): CalendarDate {
  const result = countDays({ ...count, pauses: [] });
  if (result.status !== 'DUE') throw new Error('A count without pauses cannot be suspended');
  return result.dueDate;
}
