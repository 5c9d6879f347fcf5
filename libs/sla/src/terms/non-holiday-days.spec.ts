import { createBusinessCalendar } from '../calendar/business-calendar';
import { dueByNonHolidayDays } from './day-terms';
import { DueTerm, Term } from './term';

function due(term: Term): DueTerm {
  if (term.status !== 'DUE') throw new Error(`expected a due term, got ${term.summary}`);
  return term;
}

const fourth = (from: string) => due(dueByNonHolidayDays({ from, days: 4 }));

function counted(term: DueTerm): string[] {
  return term.days.map((d) => (d.ordinal ? `${d.date} ${d.ordinal}` : `${d.date} ${d.skipped}`));
}

describe('CAL-3 — the Nth non-holiday day after the day of X (PSA, 4th day)', () => {
  it('given AS-08 (Thu 2026-04-02 16:30), then Easter and Easter Monday are skipped: due end of Wed 04-08', () => {
    const term = fourth('2026-04-02T16:30:00+02:00');
    expect(term.dueDate).toBe('2026-04-08');
    expect(term.dueAt).toBe('2026-04-08T21:59:59.999Z');
    expect(counted(term)).toEqual([
      '2026-04-03 1',
      '2026-04-04 2',
      '2026-04-05 HOLIDAY',
      '2026-04-06 HOLIDAY',
      '2026-04-07 3',
      '2026-04-08 4',
    ]);
    expect(term.rules).toEqual(['CAL-1', 'CAL-3', 'CAL-5']);
    expect(term.summary).toContain('4th non-holiday day after 2026-04-02');
  });

  it('given AS-09 (Wed 2026-04-29), then 1 May is skipped and Saturday counts: due 05-05', () => {
    const term = fourth('2026-04-29T10:00:00+02:00');
    expect(term.dueDate).toBe('2026-05-05');
    expect(counted(term)).toEqual([
      '2026-04-30 1',
      '2026-05-01 HOLIDAY',
      '2026-05-02 2',
      '2026-05-03 SUNDAY',
      '2026-05-04 3',
      '2026-05-05 4',
    ]);
  });

  it('given AS-09 with Saturdays wrongly skipped, then the due date would be 05-06 — not the default', () => {
    const skipSaturdays = createBusinessCalendar({ saturdayIsNonHoliday: false });
    const wrong = due(dueByNonHolidayDays({ from: '2026-04-29', days: 4 }, skipSaturdays));
    expect(wrong.dueDate).toBe('2026-05-06');
    expect(fourth('2026-04-29').dueDate).not.toBe(wrong.dueDate);
  });

  it('given AS-09 (Fri 2026-04-24), then Sat 25 April (a holiday) and Sun 26 are skipped: due Thu 04-30', () => {
    expect(fourth('2026-04-24T09:00:00+02:00').dueDate).toBe('2026-04-30');
  });

  it('given AS-10, a report on Sun 2026-03-08 21:00, then the Sunday is day 0: due end of Thu 03-12', () => {
    const term = fourth('2026-03-08T21:00:00+01:00');
    expect(term.startDate).toBe('2026-03-08');
    expect(term.dueDate).toBe('2026-03-12');
  });

  it('given a report at 00:30 Monday in Rome (Sunday in UTC), then Monday is day 0 (CAL-1)', () => {
    const term = fourth('2026-03-08T23:30:00Z');
    expect(term.startDate).toBe('2026-03-09');
    expect(term.dueDate).toBe('2026-03-13');
  });

  it('given AS-11 (Mon 2026-06-01), then 2 June is skipped: due Sat 06-06', () => {
    expect(fourth('2026-06-01T10:00:00+02:00').dueDate).toBe('2026-06-06');
  });

  it('given AS-14 (Mon 2026-09-14, mass outage), then due Fri 09-18', () => {
    expect(fourth('2026-09-14T08:00:00+02:00').dueDate).toBe('2026-09-18');
  });

  describe('report days that are holidays', () => {
    it('given a report on Easter Monday 2026, then that day is day 0 and not counted: due Fri 04-10', () => {
      expect(fourth('2026-04-06T10:00:00+02:00').dueDate).toBe('2026-04-10');
    });

    it('given a report on Easter Sunday 2026, then due Fri 04-10 as well (Easter Monday skipped)', () => {
      expect(fourth('2026-04-05T10:00:00+02:00').dueDate).toBe('2026-04-10');
    });

    it('given a report on San Francesco, Mon 2027-10-04, then due Fri 10-08', () => {
      expect(fourth('2027-10-04T10:00:00+02:00').dueDate).toBe('2027-10-08');
    });
  });

  it('given Thu 2027-03-25, then Easter 2027 (28 March) and Easter Monday (29 March) are skipped: due Wed 03-31', () => {
    const term = fourth('2027-03-25T10:00:00+01:00');
    expect(term.dueDate).toBe('2027-03-31');
    expect(term.days.filter((d) => d.skipped === 'HOLIDAY').map((d) => d.date)).toEqual([
      '2027-03-28',
      '2027-03-29',
    ]);
  });

  describe('4 October (EXT-CAL-1)', () => {
    it('given Thu 2027-09-30, then Mon 4 October 2027 is skipped: due Wed 10-06', () => {
      expect(fourth('2027-09-30T10:00:00+02:00').dueDate).toBe('2027-10-06');
    });

    it('given Thu 2025-10-02, then Sat 4 October 2025 still counts: due Tue 10-07', () => {
      expect(fourth('2025-10-02T10:00:00+02:00').dueDate).toBe('2025-10-07');
    });

    it('given Fri 2026-10-02, then Sun 4 October 2026 is skipped as a holiday: due Wed 10-07', () => {
      const term = fourth('2026-10-02T10:00:00+02:00');
      expect(term.dueDate).toBe('2026-10-07');
      expect(term.days[1]).toMatchObject({ date: '2026-10-04', skipped: 'HOLIDAY' });
    });
  });

  describe('DST changes inside the count', () => {
    it('given Fri 2026-03-27 (DST starts Sun 03-29), then due end of Thu 04-01 in CEST', () => {
      const term = fourth('2026-03-27T10:00:00+01:00');
      expect(term.dueDate).toBe('2026-04-01');
      expect(term.dueAtLocal).toBe('2026-04-01T23:59:59.999+02:00');
    });

    it('given Fri 2026-10-23 (DST ends Sun 10-25), then due end of Wed 10-28 in CET', () => {
      const term = fourth('2026-10-23T10:00:00+02:00');
      expect(term.dueDate).toBe('2026-10-28');
      expect(term.dueAt).toBe('2026-10-28T22:59:59.999Z');
    });
  });

  it('given a policy listing Turin’s 24 June (calendar.holidays.extra), then it is skipped too', () => {
    const turin = createBusinessCalendar({
      extraHolidays: [{ date: '06-24', name: 'San Giovanni' }],
    });
    expect(fourth('2026-06-22').dueDate).toBe('2026-06-26');
    expect(due(dueByNonHolidayDays({ from: '2026-06-22', days: 4 }, turin)).dueDate).toBe(
      '2026-06-27',
    );
  });

  it('given 0 days, then the term is refused (there is no 0th day)', () => {
    expect(() => dueByNonHolidayDays({ from: '2026-03-02', days: 0 })).toThrow(RangeError);
  });

  describe('CAL-8, AMB-21 — pauses', () => {
    it('given AS-12, then Wed 11 and Thu 12 are paused whole and skipped, Tue 10 counts: due Mon 03-16', () => {
      const term = due(
        dueByNonHolidayDays({
          from: '2026-03-09T11:00:00+01:00',
          days: 4,
          pauses: [{ start: '2026-03-10T14:00:00+01:00', end: '2026-03-13T09:00:00+01:00' }],
        }),
      );
      expect(term.dueDate).toBe('2026-03-16');
      expect(term.unpausedDueAt).toBe('2026-03-13T22:59:59.999Z');
      expect(term.pausedDays).toBe(2);
      expect(counted(term)).toEqual([
        '2026-03-10 1',
        '2026-03-11 PAUSED',
        '2026-03-12 PAUSED',
        '2026-03-13 2',
        '2026-03-14 3',
        '2026-03-15 SUNDAY',
        '2026-03-16 4',
      ]);
      expect(term.days.filter((d) => d.partlyPaused).map((d) => d.date)).toEqual([
        '2026-03-10',
        '2026-03-13',
      ]);
      expect(term.summary).toContain('2 day(s) paused whole were skipped (CAL-8)');
    });

    it('given a pause covering a Sunday and a holiday only, then nothing moves', () => {
      const term = due(
        dueByNonHolidayDays({
          from: '2026-04-02T16:30:00+02:00',
          days: 4,
          pauses: [{ start: '2026-04-05T00:00:00+02:00', end: '2026-04-07T00:00:00+02:00' }],
        }),
      );
      expect(term.dueDate).toBe('2026-04-08');
      expect(term.pausedDays).toBe(0);
    });

    it('given an open pause from Tue 2026-03-10 14:00, then the term is suspended with 3 days to count', () => {
      const term = dueByNonHolidayDays({
        from: '2026-03-09T11:00:00+01:00',
        days: 4,
        pauses: [{ start: '2026-03-10T14:00:00+01:00', end: null }],
      });
      expect(term).toMatchObject({
        status: 'SUSPENDED',
        dueAt: null,
        pausedSince: '2026-03-10T13:00:00.000Z',
        remaining: { value: 3, unit: 'days' },
      });
    });

    it('given an open pause that began before the report, then it is suspended since the report', () => {
      const term = dueByNonHolidayDays({
        from: '2026-03-09T11:00:00+01:00',
        days: 4,
        pauses: [{ start: '2026-03-01T00:00:00+01:00', end: null }],
      });
      expect(term).toMatchObject({ status: 'SUSPENDED', pausedSince: '2026-03-09T10:00:00.000Z' });
    });
  });
});
