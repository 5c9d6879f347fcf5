import { ExtraHoliday, extraHolidaysIn, parseExtraHolidays } from '../holidays/extra-holidays';
import { Holiday } from '../holidays/holiday';
import { NationalHolidays, nationalHolidays } from '../holidays/national-holidays';
import {
  CalendarDate,
  Weekday,
  assertCalendarDate,
  weekdayOf,
  yearOf,
} from '../time/calendar-date';

/** The calendar keys of an operator policy (RULES §4.9). */
export interface CalendarPolicy {
  /** `calendar.holidays.extra`: applied only when listed (CAL-5, AMB-18). */
  extraHolidays?: readonly ExtraHoliday[];
  /** `calendar.saturdayIsNonHoliday`: true for every known policy (CAL-3, AMB-18). */
  saturdayIsNonHoliday?: boolean;
}

/** SOLAR: every day (CAL-2). NON_HOLIDAY: not a Sunday nor a holiday (CAL-3).
 * WORKING: Monday–Friday and not a holiday (CAL-4). */
export type DayKind = 'SOLAR' | 'NON_HOLIDAY' | 'WORKING';

/** Why a day is not of the kind being counted. */
export type SkipReason = 'HOLIDAY' | 'SUNDAY' | 'SATURDAY';

export interface DayDescription {
  date: CalendarDate;
  weekday: Weekday;
  holiday: Holiday | null;
  nonHoliday: boolean;
  working: boolean;
}

export interface BusinessCalendar {
  readonly saturdayIsNonHoliday: boolean;
  /** National holidays plus the policy's extras, by date; cached per year. */
  holidaysIn(year: number): readonly Holiday[];
  holidayOn(date: CalendarDate): Holiday | null;
  isNonHolidayDay(date: CalendarDate): boolean;
  isWorkingDay(date: CalendarDate): boolean;
  /** Null when the day is of that kind, otherwise why not (a holiday first, then the weekday). */
  skipReason(kind: DayKind, date: CalendarDate): SkipReason | null;
  describe(date: CalendarDate): DayDescription;
}

export function createBusinessCalendar(
  policy: CalendarPolicy = {},
  national: NationalHolidays = nationalHolidays,
): BusinessCalendar {
  const extras = parseExtraHolidays(policy.extraHolidays ?? []);
  const saturdayIsNonHoliday = policy.saturdayIsNonHoliday ?? true;
  const byYear = new Map<number, ReadonlyMap<CalendarDate, Holiday>>();

  const holidayMap = (year: number): ReadonlyMap<CalendarDate, Holiday> => {
    let holidays = byYear.get(year);
    if (!holidays) {
      const merged = new Map<CalendarDate, Holiday>();
      for (const holiday of extraHolidaysIn(year, extras)) merged.set(holiday.date, holiday);
      // A national holiday keeps its national name when a policy repeats it as an extra.
      for (const holiday of national(year)) merged.set(holiday.date, holiday);
      holidays = new Map([...merged].sort(([a], [b]) => a.localeCompare(b)));
      byYear.set(year, holidays);
    }
    return holidays;
  };

  const holidayOn = (date: CalendarDate): Holiday | null =>
    holidayMap(yearOf(assertCalendarDate(date))).get(date) ?? null;

  const skipReason = (kind: DayKind, date: CalendarDate): SkipReason | null => {
    if (kind === 'SOLAR') return null;
    if (holidayOn(date)) return 'HOLIDAY';
    const weekday = weekdayOf(date);
    if (weekday === 'Sun') return 'SUNDAY';
    if (weekday === 'Sat' && (kind === 'WORKING' || !saturdayIsNonHoliday)) return 'SATURDAY';
    return null;
  };

  return {
    saturdayIsNonHoliday,
    holidaysIn: (year) => [...holidayMap(year).values()],
    holidayOn,
    isNonHolidayDay: (date) => skipReason('NON_HOLIDAY', date) === null,
    isWorkingDay: (date) => skipReason('WORKING', date) === null,
    skipReason,
    describe: (date) => ({
      date,
      weekday: weekdayOf(assertCalendarDate(date)),
      holiday: holidayOn(date),
      nonHoliday: skipReason('NON_HOLIDAY', date) === null,
      working: skipReason('WORKING', date) === null,
    }),
  };
}

/** The Italian national calendar with no policy extras: what FASTWEB, SKYFW and PSA use (§4.9). */
export const italianCalendar: BusinessCalendar = createBusinessCalendar();
