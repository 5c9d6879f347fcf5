import { CalendarDate, isCalendarDate } from '../time/calendar-date';
import { Holiday } from './holiday';

/**
 * One entry of the policy's `calendar.holidays.extra` (CAL-5, AMB-18): `MM-DD` recurs every year
 * (a patron saint, e.g. Turin `06-24`), `YYYY-MM-DD` applies once.
 */
export type ExtraHoliday = string | { date: string; name?: string };

interface ParsedExtraHoliday {
  /** `MM-DD` for a yearly holiday, `YYYY-MM-DD` for a single one. */
  date: string;
  name: string;
}

const MONTH_DAY = /^\d{2}-\d{2}$/;

export function parseExtraHolidays(extras: readonly ExtraHoliday[]): readonly ParsedExtraHoliday[] {
  return extras.map((extra) => {
    const { date, name } = typeof extra === 'string' ? { date: extra, name: undefined } : extra;
    // A leap year accepts 02-29; other years simply have no such day.
    const valid = MONTH_DAY.test(date) ? isCalendarDate(`2024-${date}`) : isCalendarDate(date);
    if (!valid) throw new RangeError(`calendar.holidays.extra: not MM-DD or YYYY-MM-DD: ${date}`);
    return { date, name: name ?? `Extra holiday ${date}` };
  });
}

export function extraHolidaysIn(
  year: number,
  extras: readonly ParsedExtraHoliday[],
): readonly Holiday[] {
  const holidays: Holiday[] = [];
  for (const { date, name } of extras) {
    const candidate: CalendarDate = MONTH_DAY.test(date) ? `${year}-${date}` : date;
    if (candidate.startsWith(`${year}-`) && isCalendarDate(candidate)) {
      holidays.push({ date: candidate, name, origin: 'POLICY_EXTRA' });
    }
  }
  return holidays;
}
