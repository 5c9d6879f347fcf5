export { CALENDAR_ZONE, Instant } from './time/instant';
export {
  CalendarDate,
  Weekday,
  addDays,
  daysBetween,
  endOfRomeDay,
  romeDateOf,
  startOfRomeDay,
  weekdayOf,
} from './time/calendar-date';
export { Holiday, HolidayOrigin } from './holidays/holiday';
export {
  HolidaySource,
  NationalHolidays,
  createNationalHolidays,
  dateHolidaysSource,
  nationalHolidays,
} from './holidays/national-holidays';
export { ExtraHoliday } from './holidays/extra-holidays';
export {
  BusinessCalendar,
  CalendarPolicy,
  DayDescription,
  DayKind,
  SkipReason,
  createBusinessCalendar,
  italianCalendar,
} from './calendar/business-calendar';
export { Pause, PauseInterval, mergePauses } from './pauses/pause';
export { CountedDay, DueTerm, SuspendedTerm, Term, TermKind, TermLength } from './terms/term';
export { TermStart } from './terms/term-start';
export {
  DayTermInput,
  WorkingDayTermInput,
  dueByNonHolidayDays,
  dueBySolarDays,
  dueByWorkingDays,
} from './terms/day-terms';
export { ElapsedHoursInput, dueByElapsedHours } from './terms/elapsed-hours';
export {
  Delay,
  DelayBasis,
  daysOfDelayAfterDate,
  daysOfDelayAfterInstant,
  delayOf,
} from './delay/days-of-delay';
