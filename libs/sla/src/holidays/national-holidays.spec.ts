import { APPENDIX_A } from '../testing/appendix-a';
import { weekdayOf } from '../time/calendar-date';
import {
  HolidaySource,
  createNationalHolidays,
  dateHolidaysSource,
  nationalHolidays,
} from './national-holidays';

describe('CAL-5 — Italian national holiday calendar', () => {
  describe.each([2026, 2027] as const)('Appendix A, %i', (year) => {
    it('given the national calendar, then its holidays are exactly the Appendix A dates', () => {
      const dates = nationalHolidays(year).map((holiday) => holiday.date);
      expect(dates).toEqual(APPENDIX_A[year].map(([, date]) => date));
    });

    it('given date-holidays alone (IT, public, no region), then it already agrees with Appendix A', () => {
      const dates = dateHolidaysSource(year)
        .map((holiday) => holiday.date)
        .sort();
      expect(dates).toEqual(APPENDIX_A[year].map(([, date]) => date));
    });

    it('given the Appendix A weekdays, then they match the calendar', () => {
      for (const [, date, weekday] of APPENDIX_A[year]) expect(weekdayOf(date)).toBe(weekday);
    });
  });

  it('given Easter, then Easter Monday is 6 April 2026 and 29 March 2027', () => {
    expect(nationalHolidays(2026).map((h) => h.date)).toEqual(
      expect.arrayContaining(['2026-04-05', '2026-04-06']),
    );
    expect(nationalHolidays(2027).map((h) => h.date)).toEqual(
      expect.arrayContaining(['2027-03-28', '2027-03-29']),
    );
  });

  it('given the calendar, then Mother’s Day (an observance) and patron saints are not holidays', () => {
    const dates = nationalHolidays(2026).map((h) => h.date);
    expect(dates).not.toContain('2026-05-10');
    expect(dates).not.toContain('2026-06-24');
    expect(dates).not.toContain('2026-12-07');
  });

  describe('EXT-CAL-1 — 4 October from 2026', () => {
    const withoutSanFrancesco: HolidaySource = (year) =>
      dateHolidaysSource(year).filter((holiday) => !holiday.date.endsWith('-10-04'));

    it('given a library that lacks it, then 4 October is added for 2026 and 2027 but not 2025', () => {
      const calendar = createNationalHolidays(withoutSanFrancesco);
      const fourthOfOctober = (year: number) =>
        calendar(year).find((holiday) => holiday.date === `${year}-10-04`);

      expect(fourthOfOctober(2025)).toBeUndefined();
      expect(fourthOfOctober(2026)).toEqual({
        date: '2026-10-04',
        name: "San Francesco d'Assisi",
        origin: 'NATIONAL',
      });
      expect(fourthOfOctober(2027)?.origin).toBe('NATIONAL');
      expect(calendar(2027)).toHaveLength(13);
    });

    it('given the real library, then 4 October is listed once in 2026 and 2027 and absent in 2025', () => {
      const count = (year: number) =>
        nationalHolidays(year).filter((h) => h.date === `${year}-10-04`).length;
      expect([count(2025), count(2026), count(2027)]).toEqual([0, 1, 1]);
    });
  });

  it('given a year asked twice, then the source is consulted once (cached per year)', () => {
    const source = jest.fn(dateHolidaysSource);
    const calendar = createNationalHolidays(source);

    const first = calendar(2026);
    const second = calendar(2026);
    calendar(2027);

    expect(second).toBe(first);
    expect(source.mock.calls).toEqual([[2026], [2027]]);
  });
});
