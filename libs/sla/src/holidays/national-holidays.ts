import Holidays from 'date-holidays';
import { CalendarDate } from '../time/calendar-date';
import { Holiday } from './holiday';

/** Supplies the Italian national public holidays of one year. */
export type HolidaySource = (year: number) => ReadonlyArray<{ date: CalendarDate; name: string }>;

let italy: Holidays | undefined;

/** `date-holidays`, country IT, no region, type `public` only (CAL-5). */
export const dateHolidaysSource: HolidaySource = (year) => {
  italy ??= new Holidays('IT', { languages: ['it'], types: ['public'] });
  return italy
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
};

// CAL-5, EXT-CAL-1: 4 October is a national holiday from 2026; added here whatever the
// library says, so an older `date-holidays` cannot silently drop it.
const SAN_FRANCESCO = { monthDay: '10-04', name: "San Francesco d'Assisi", fromYear: 2026 };

export type NationalHolidays = (year: number) => readonly Holiday[];

/** The national holiday list per year, from `source` plus the CAL-5 override; cached per year. */
export function createNationalHolidays(
  source: HolidaySource = dateHolidaysSource,
): NationalHolidays {
  const byYear = new Map<number, readonly Holiday[]>();
  return (year) => {
    if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
    let holidays = byYear.get(year);
    if (!holidays) {
      holidays = withSanFrancesco(year, source(year));
      byYear.set(year, holidays);
    }
    return holidays;
  };
}

function withSanFrancesco(
  year: number,
  listed: ReadonlyArray<{ date: CalendarDate; name: string }>,
): readonly Holiday[] {
  const holidays = new Map<CalendarDate, Holiday>();
  for (const { date, name } of listed) holidays.set(date, { date, name, origin: 'NATIONAL' });
  const sanFrancesco = `${year}-${SAN_FRANCESCO.monthDay}`;
  if (year >= SAN_FRANCESCO.fromYear && !holidays.has(sanFrancesco)) {
    holidays.set(sanFrancesco, {
      date: sanFrancesco,
      name: SAN_FRANCESCO.name,
      origin: 'NATIONAL',
    });
  }
  return Object.freeze([...holidays.values()].sort((a, b) => a.date.localeCompare(b.date)));
}

/** The Italian national holidays of a year (CAL-5), cached. */
export const nationalHolidays: NationalHolidays = createNationalHolidays();
