import { BusinessCalendar, DayKind, italianCalendar } from '../calendar/business-calendar';
import { Pause, mergePauseSpans, toInterval } from '../pauses/pause';
import { endOfRomeDay } from '../time/calendar-date';
import { CALENDAR_ZONE, toIsoRome, toIsoUtc } from '../time/instant';
import { countDays, dueDateWithoutPauses } from './day-count';
import { Term, TermKind } from './term';
import { TermStart, assertCount, ordinal, resolveStart } from './term-start';

export interface DayTermInput {
  /** The day of this start is day 0 and never counts. */
  from: TermStart;
  days: number;
  /** CAL-8: days paused whole are skipped; omit for terms that never pause (complaints). */
  pauses?: readonly Pause[];
}

export interface WorkingDayTermInput {
  from: TermStart;
  days: number;
}

/** CAL-2: due at the end of (date of X + N days), Europe/Rome, never moved off weekends or
 * holidays; with pauses (solar-day activation terms, CAL-8) each day paused whole adds a day. */
export function dueBySolarDays(input: DayTermInput, calendar = italianCalendar): Term {
  assertCount(input.days, 0, 'A solar-day term');
  return dayTerm('SOLAR_DAYS', 'SOLAR', input, calendar);
}

/** CAL-3: due at the end of the Nth non-holiday day after the day of X (Sundays and holidays
 * skipped, Saturdays counted); with pauses, days paused whole are skipped too (CAL-8, AMB-21). */
export function dueByNonHolidayDays(input: DayTermInput, calendar = italianCalendar): Term {
  assertCount(input.days, 1, 'A non-holiday-day term');
  return dayTerm('NON_HOLIDAY_DAYS', 'NON_HOLIDAY', input, calendar);
}

/** CAL-4: due at the end of the Nth working day (Mon–Fri, not a holiday) after the day of X;
 * the 1st is e.g. the presumed receipt of a fax (CMP-4). CAL-8 gives these terms no pauses. */
export function dueByWorkingDays(input: WorkingDayTermInput, calendar = italianCalendar): Term {
  assertCount(input.days, 1, 'A working-day term');
  return dayTerm('WORKING_DAYS', 'WORKING', { from: input.from, days: input.days }, calendar);
}

const RULE_OF = { SOLAR: 'CAL-2', NON_HOLIDAY: 'CAL-3', WORKING: 'CAL-4' } as const;

function dayTerm(
  kind: TermKind,
  dayKind: DayKind,
  input: DayTermInput,
  calendar: BusinessCalendar,
): Term {
  const start = resolveStart(input.from);
  const spans = mergePauseSpans(input.pauses ?? []);
  const rule = RULE_OF[dayKind];
  const rules = ['CAL-1', rule, ...(dayKind === 'SOLAR' ? [] : ['CAL-5'])];
  const count = { calendar, kind: dayKind, startDate: start.startDate, count: input.days };
  const counted = countDays({ ...count, pauses: spans });
  const counting = describeCount(dayKind, input.days, start.startDate, calendar);
  const common = {
    kind,
    rule,
    rules: spans.length > 0 ? [...rules, 'CAL-8'] : rules,
    timeZone: CALENDAR_ZONE,
    from: start.from,
    startDate: start.startDate,
    length: { value: input.days, unit: 'days' as const },
    pauses: spans.map(toInterval),
    days: counted.days,
  };
  if (counted.status === 'SUSPENDED') {
    const pausedSince = Math.max(counted.pausedSince, start.at);
    return {
      ...common,
      status: 'SUSPENDED',
      dueAt: null,
      reason: 'OPEN_PAUSE',
      pausedSince: toIsoUtc(pausedSince),
      remaining: { value: input.days - counted.counted, unit: 'days' },
      summary:
        `${counting}: suspended since ${toIsoRome(pausedSince)} by an open pause with ` +
        `${input.days - counted.counted} day(s) still to count (CAL-8).`,
    };
  }
  const dueAt = endOfRomeDay(counted.dueDate);
  const pausedDays = counted.days.filter((day) => day.skipped === 'PAUSED').length;
  return {
    ...common,
    status: 'DUE',
    dueAt: toIsoUtc(dueAt),
    dueAtLocal: toIsoRome(dueAt),
    dueDate: counted.dueDate,
    unpausedDueAt: toIsoUtc(
      endOfRomeDay(spans.length > 0 ? dueDateWithoutPauses(count) : counted.dueDate),
    ),
    pausedMs: 0,
    pausedDays,
    summary:
      `${counting}: due by the end of ${counted.dueDate} (${toIsoRome(dueAt)})` +
      (dayKind === 'SOLAR' ? ', not moved off weekends or holidays' : '') +
      (pausedDays > 0 ? `; ${pausedDays} day(s) paused whole were skipped (CAL-8)` : '') +
      '.',
  };
}

function describeCount(
  kind: DayKind,
  days: number,
  startDate: string,
  calendar: BusinessCalendar,
): string {
  switch (kind) {
    case 'SOLAR':
      return `${days} solar day(s) after ${startDate} (that day not counted, CAL-2)`;
    case 'NON_HOLIDAY': {
      const saturdays = calendar.saturdayIsNonHoliday ? 'counted' : 'skipped';
      return (
        `${ordinal(days)} non-holiday day after ${startDate} (that day not counted; ` +
        `Sundays and holidays skipped, Saturdays ${saturdays}, CAL-3)`
      );
    }
    case 'WORKING':
      return (
        `${ordinal(days)} working day after ${startDate} (that day not counted; ` +
        'Saturdays, Sundays and holidays skipped, CAL-4)'
      );
  }
}
