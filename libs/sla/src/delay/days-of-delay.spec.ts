import { dueByElapsedHours } from '../terms/elapsed-hours';
import { dueByNonHolidayDays, dueBySolarDays } from '../terms/day-terms';
import { DueTerm, Term } from '../terms/term';
import { daysOfDelayAfterDate, daysOfDelayAfterInstant, delayOf } from './days-of-delay';

function due(term: Term): DueTerm {
  if (term.status !== 'DUE') throw new Error(`expected a due term, got ${term.summary}`);
  return term;
}

const fastwebRepair = (from: string) => due(dueByElapsedHours({ from, hours: 72 }));
const psaRepair = (from: string) => due(dueByNonHolidayDays({ from, days: 4 }));
const answer = (from: string) => due(dueBySolarDays({ from, days: 45 }));

describe('CAL-7 — days of delay', () => {
  describe('hour-based terms: every started 24 h counts', () => {
    it('given AS-01, restored 73 h late, then 4 days', () => {
      const delay = delayOf(
        fastwebRepair('2026-03-02T09:00:00+01:00'),
        '2026-03-08T10:00:00+01:00',
      );
      expect(delay).toEqual({
        rule: 'CAL-7',
        basis: 'STARTED_24_HOUR_PERIODS',
        days: 4,
        latenessMs: 73 * 3_600_000,
      });
    });

    it('given AS-03, restored exactly at the due instant, then 0 days; 30 min later, then 1 day', () => {
      const term = fastwebRepair('2026-03-02T09:00:00+01:00');
      expect(delayOf(term, '2026-03-05T09:00:00+01:00').days).toBe(0);
      expect(delayOf(term, '2026-03-05T09:30:00+01:00').days).toBe(1);
    });

    it('given AS-04, 15 days 4 h late, then 16 days', () => {
      expect(
        delayOf(fastwebRepair('2026-01-07T08:00:00+01:00'), '2026-01-25T12:00:00+01:00').days,
      ).toBe(16);
    });

    it('given AS-05 with its pause, restored 03-16 09:00 then 0 days, restored 03-17 11:00 then 2 days', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-03-10T10:00:00+01:00',
          hours: 72,
          pauses: [{ start: '2026-03-11T12:00:00+01:00', end: '2026-03-14T12:00:00+01:00' }],
        }),
      );
      expect(delayOf(term, '2026-03-16T09:00:00+01:00').days).toBe(0);
      expect(delayOf(term, '2026-03-17T11:00:00+01:00')).toMatchObject({
        days: 2,
        latenessMs: 25 * 3_600_000,
      });
    });

    it('given AS-06, restored 8 h after the paused due instant, then 1 day', () => {
      const term = due(
        dueByElapsedHours({
          from: '2026-02-03T10:00:00+01:00',
          hours: 72,
          pauses: [{ start: '2026-02-03T12:00:00+01:00', end: '2026-02-06T12:00:00+01:00' }],
        }),
      );
      expect(delayOf(term, '2026-02-09T18:00:00+01:00').days).toBe(1);
    });

    it('given AS-07, restored Tue 2026-03-31 10:30 CEST, then on time', () => {
      expect(
        delayOf(fastwebRepair('2026-03-28T10:00:00+01:00'), '2026-03-31T10:30:00+02:00').days,
      ).toBe(0);
    });

    it('given exactly 24 h late, then 1 day; 24 h and 1 ms, then 2 days', () => {
      expect(daysOfDelayAfterInstant('2026-03-05T08:00:00Z', '2026-03-06T08:00:00Z')).toBe(1);
      expect(daysOfDelayAfterInstant('2026-03-05T08:00:00Z', '2026-03-06T08:00:00.001Z')).toBe(2);
    });
  });

  describe('date-based terms: calendar days after the due date through the fulfilment day', () => {
    it('given AS-08, due 2026-04-08 and restored 04-10 11:00, then 2 days (in solar days)', () => {
      const delay = delayOf(psaRepair('2026-04-02T16:30:00+02:00'), '2026-04-10T11:00:00+02:00');
      expect(delay).toMatchObject({
        rule: 'CAL-7',
        basis: 'CALENDAR_DAYS_AFTER_DUE_DATE',
        days: 2,
      });
    });

    it('given AS-09, restored on the due date at 18:00, then on time', () => {
      expect(
        delayOf(psaRepair('2026-04-29T10:00:00+02:00'), '2026-05-05T18:00:00+02:00').days,
      ).toBe(0);
    });

    it('given AS-11, due 06-06 and restored 06-20, then 14 days', () => {
      expect(
        delayOf(psaRepair('2026-06-01T10:00:00+02:00'), '2026-06-20T10:00:00+02:00').days,
      ).toBe(14);
    });

    it('given AS-12 with its pause, restored Mon 2026-03-16 17:00, then on time', () => {
      const term = due(
        dueByNonHolidayDays({
          from: '2026-03-09T11:00:00+01:00',
          days: 4,
          pauses: [{ start: '2026-03-10T14:00:00+01:00', end: '2026-03-13T09:00:00+01:00' }],
        }),
      );
      expect(delayOf(term, '2026-03-16T17:00:00+01:00').days).toBe(0);
    });

    it.each([
      ['AS-15 on day 45', '2026-03-02', '2026-04-16T16:00:00+02:00', 0],
      ['AS-15 on day 46', '2026-03-02', '2026-04-17T09:00:00+02:00', 1],
      ['AS-16', '2026-09-01', '2026-10-20T12:00:00+02:00', 4],
      ['AS-17, 2 March – 30 April', '2026-01-15', '2026-04-30T12:00:00+02:00', 60],
      ['AS-20, notice too late', '2026-05-04', '2026-07-10T12:00:00+02:00', 22],
    ])('given %s, then %i day(s) late', (_scenario, received, answeredAt, days) => {
      expect(delayOf(answer(received), answeredAt).days).toBe(days);
    });

    it.each([
      ['AS-29, due 02-19, activated 02-27', '2026-02-19', '2026-02-27T10:00:00+01:00', 8],
      ['AS-30, due 03-04, activated 03-20', '2026-03-04', '2026-03-20T10:00:00+01:00', 16],
    ])('given %s, then %i days late', (_scenario, dueDate, doneAt, days) => {
      expect(daysOfDelayAfterDate(dueDate, doneAt)).toBe(days);
    });

    it('given a fulfilment at 00:30 Rome the day after (still the due date in UTC), then 1 day (CAL-1)', () => {
      expect(daysOfDelayAfterDate('2026-04-08', '2026-04-08T22:30:00Z')).toBe(1);
      expect(daysOfDelayAfterDate('2026-04-08', '2026-04-08T21:30:00Z')).toBe(0);
    });
  });
});
