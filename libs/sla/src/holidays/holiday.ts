import { CalendarDate } from '../time/calendar-date';

/** Where a holiday comes from: the national list (CAL-5) or the policy's
 * `calendar.holidays.extra` (e.g. a patron saint). */
export type HolidayOrigin = 'NATIONAL' | 'POLICY_EXTRA';

export interface Holiday {
  date: CalendarDate;
  name: string;
  origin: HolidayOrigin;
}
