import { createBusinessCalendar, italianCalendar } from './business-calendar';

describe('Day kinds on the Italian calendar', () => {
  describe('CAL-3 — non-holiday days (AMB-18)', () => {
    it.each([
      ['2026-03-14', 'an ordinary Saturday', true],
      ['2026-03-13', 'an ordinary Friday', true],
      ['2026-03-15', 'a Sunday', false],
      ['2026-04-06', 'Easter Monday', false],
      ['2026-04-25', 'Liberation Day on a Saturday', false],
      ['2027-10-04', 'San Francesco on a Monday', false],
      ['2025-10-04', '4 October before 2026', true],
    ])('given %s (%s), then non-holiday is %s', (date, _what, expected) => {
      expect(italianCalendar.isNonHolidayDay(date)).toBe(expected);
    });
  });

  describe('CAL-4 — working days', () => {
    it.each([
      ['2026-03-13', 'an ordinary Friday', true],
      ['2026-03-14', 'a Saturday', false],
      ['2026-03-15', 'a Sunday', false],
      ['2026-04-06', 'Easter Monday', false],
      ['2026-06-02', 'Festa della Repubblica on a Tuesday', false],
      ['2026-04-07', 'the Tuesday after Easter', true],
    ])('given %s (%s), then working is %s', (date, _what, expected) => {
      expect(italianCalendar.isWorkingDay(date)).toBe(expected);
    });
  });

  it('given a day, then describe tells every kind and the holiday, a holiday before the weekday', () => {
    expect(italianCalendar.describe('2026-04-25')).toEqual({
      date: '2026-04-25',
      weekday: 'Sat',
      holiday: { date: '2026-04-25', name: expect.any(String), origin: 'NATIONAL' },
      nonHoliday: false,
      working: false,
    });
    expect(italianCalendar.skipReason('NON_HOLIDAY', '2026-04-05')).toBe('HOLIDAY');
    expect(italianCalendar.skipReason('WORKING', '2026-03-14')).toBe('SATURDAY');
    expect(italianCalendar.skipReason('SOLAR', '2026-04-05')).toBeNull();
  });

  describe('CAL-5 — calendar.holidays.extra (§4.9)', () => {
    it('given no extras, then Turin’s patron saint (24 June) is an ordinary day', () => {
      expect(italianCalendar.isNonHolidayDay('2026-06-24')).toBe(true);
    });

    it('given a policy listing 06-24, then 24 June is a holiday every year, under its name', () => {
      const turin = createBusinessCalendar({
        extraHolidays: [{ date: '06-24', name: 'San Giovanni (Torino)' }],
      });
      expect(turin.holidayOn('2026-06-24')).toEqual({
        date: '2026-06-24',
        name: 'San Giovanni (Torino)',
        origin: 'POLICY_EXTRA',
      });
      expect(turin.isWorkingDay('2027-06-24')).toBe(false);
      expect(turin.holidaysIn(2026)).toHaveLength(14);
    });

    it('given a one-off YYYY-MM-DD extra, then only that date is a holiday', () => {
      const calendar = createBusinessCalendar({ extraHolidays: ['2026-12-07'] });
      expect(calendar.isNonHolidayDay('2026-12-07')).toBe(false);
      expect(calendar.isNonHolidayDay('2027-12-07')).toBe(true);
    });

    it('given an extra on a national holiday, then the national holiday keeps its origin', () => {
      const calendar = createBusinessCalendar({ extraHolidays: ['12-08'] });
      expect(calendar.holidayOn('2026-12-08')?.origin).toBe('NATIONAL');
      expect(calendar.holidaysIn(2026)).toHaveLength(13);
    });

    it('given 02-29 as a yearly extra, then it applies in leap years only', () => {
      const calendar = createBusinessCalendar({ extraHolidays: ['02-29'] });
      expect(calendar.holidaysIn(2027).some((h) => h.date.endsWith('02-29'))).toBe(false);
      expect(calendar.holidayOn('2028-02-29')?.origin).toBe('POLICY_EXTRA');
    });

    it.each(['13-01', '2026-02-30', '24 June', '6-24'])(
      'given the extra %p, then it is refused',
      (date) => {
        expect(() => createBusinessCalendar({ extraHolidays: [date] })).toThrow(RangeError);
      },
    );
  });

  it('given calendar.saturdayIsNonHoliday = false, then Saturdays are skipped (AMB-18 overruled)', () => {
    const calendar = createBusinessCalendar({ saturdayIsNonHoliday: false });
    expect(calendar.isNonHolidayDay('2026-03-14')).toBe(false);
    expect(italianCalendar.saturdayIsNonHoliday).toBe(true);
  });

  it('given a date that is not YYYY-MM-DD, then it is refused', () => {
    expect(() => italianCalendar.isNonHolidayDay('2026-3-14')).toThrow(RangeError);
    expect(() => italianCalendar.describe('2026-02-30')).toThrow(RangeError);
  });
});
