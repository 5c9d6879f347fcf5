import { DueTerm, Term } from './term';
import { dueBySolarDays } from './day-terms';

function due(term: Term): DueTerm {
  if (term.status !== 'DUE') throw new Error(`expected a due term, got ${term.summary}`);
  return term;
}

describe('CAL-2 — solar-day terms', () => {
  it.each([
    ['AS-15, CMP-5: receipt 2026-03-02 + 45', '2026-03-02', 45, '2026-04-16'],
    ['AS-16: PSA complaint 2026-09-01 + 45', '2026-09-01', 45, '2026-10-16'],
    ['AS-17: PSA complaint 2026-01-15 + 45, a Sunday', '2026-01-15', 45, '2026-03-01'],
    ['AS-19: fax receipt 2026-04-07 + 45', '2026-04-07', 45, '2026-05-22'],
    ['AS-20: PSA complaint 2026-05-04 + 45', '2026-05-04', 45, '2026-06-18'],
    ['AS-21: billing window, invoice 2026-05-04 + 15', '2026-05-04', 15, '2026-05-19'],
    ['AS-21: window from proven delivery 2026-05-12 + 15', '2026-05-12', 15, '2026-05-27'],
    ['AS-29: Fastweb proposal 2026-01-05 + 60', '2026-01-05', 60, '2026-03-06'],
    ['AS-29: positive check 2026-01-20 + 30', '2026-01-20', 30, '2026-02-19'],
    ['AS-30: PSA request 2026-02-02, 30th solar day', '2026-02-02', 30, '2026-03-04'],
    ['AS-40: Fastweb deposit 2026-03-31 + 60', '2026-03-31', 60, '2026-05-30'],
    ['AS-40: PSA deposit 2026-03-31 + 180', '2026-03-31', 180, '2026-09-27'],
    ['AS-40: PSA increase after 2026-03-31 + 90', '2026-03-31', 90, '2026-06-29'],
  ])('given %s, then due %s', (_scenario, from, days, dueDate) => {
    expect(due(dueBySolarDays({ from, days })).dueDate).toBe(dueDate);
  });

  it('given the due date, then the term is met up to 23:59:59.999 Europe/Rome of that date', () => {
    const term = due(dueBySolarDays({ from: '2026-03-02T09:15:00+01:00', days: 45 }));
    expect(term.dueAt).toBe('2026-04-16T21:59:59.999Z');
    expect(term.dueAtLocal).toBe('2026-04-16T23:59:59.999+02:00');
    expect(term.startDate).toBe('2026-03-02');
  });

  it('given X at 00:30 in Rome (still the previous day in UTC), then day 0 is the Rome date (CAL-1)', () => {
    const term = due(dueBySolarDays({ from: '2026-03-01T23:30:00Z', days: 45 }));
    expect(term.startDate).toBe('2026-03-02');
    expect(term.dueDate).toBe('2026-04-16');
  });

  it('given a due date on a Sunday (AS-17), then it is not moved and the explanation says so', () => {
    const term = due(dueBySolarDays({ from: '2026-01-15', days: 45 }));
    expect(term.days).toHaveLength(45);
    expect(term.days.at(-1)).toMatchObject({ date: '2026-03-01', weekday: 'Sun', ordinal: 45 });
    expect(term.rule).toBe('CAL-2');
    expect(term.summary).toContain('not moved off weekends or holidays');
  });

  it('given a term across Easter, then the holidays count and are named in the day list', () => {
    const term = due(dueBySolarDays({ from: '2026-04-02', days: 5 }));
    expect(term.dueDate).toBe('2026-04-07');
    expect(term.days.map((d) => [d.date, d.ordinal, d.holiday !== null])).toEqual([
      ['2026-04-03', 1, false],
      ['2026-04-04', 2, false],
      ['2026-04-05', 3, true],
      ['2026-04-06', 4, true],
      ['2026-04-07', 5, false],
    ]);
  });

  it('given 0 days, then the term ends with the day of X; a negative or fractional count is refused', () => {
    expect(due(dueBySolarDays({ from: '2026-03-02', days: 0 })).dueDate).toBe('2026-03-02');
    expect(() => dueBySolarDays({ from: '2026-03-02', days: -1 })).toThrow(RangeError);
    expect(() => dueBySolarDays({ from: '2026-03-02', days: 1.5 })).toThrow(RangeError);
  });

  describe('CAL-8 — solar-day activation terms with pauses', () => {
    it('given 3 days paused whole inside the term, then the due date moves 3 days', () => {
      const term = due(
        dueBySolarDays({
          from: '2026-02-02',
          days: 30,
          pauses: [{ start: '2026-02-09T18:00:00+01:00', end: '2026-02-13T08:00:00+01:00' }],
        }),
      );
      expect(term.dueDate).toBe('2026-03-07');
      expect(term.pausedDays).toBe(3);
      expect(term.unpausedDueAt).toBe('2026-03-04T22:59:59.999Z');
      expect(term.days.filter((d) => d.skipped === 'PAUSED').map((d) => d.date)).toEqual([
        '2026-02-10',
        '2026-02-11',
        '2026-02-12',
      ]);
      expect(term.rules).toContain('CAL-8');
    });

    it('given only partly paused days, then nothing moves', () => {
      const term = due(
        dueBySolarDays({
          from: '2026-02-02',
          days: 30,
          pauses: [{ start: '2026-02-09T00:00:01+01:00', end: '2026-02-10T23:59:59+01:00' }],
        }),
      );
      expect(term.dueDate).toBe('2026-03-04');
      expect(term.days.filter((d) => d.partlyPaused).map((d) => d.date)).toEqual([
        '2026-02-09',
        '2026-02-10',
      ]);
    });

    it('given whole days paused after the due date, then nothing moves', () => {
      const term = due(
        dueBySolarDays({
          from: '2026-02-02',
          days: 30,
          pauses: [{ start: '2026-03-05T00:00:00+01:00', end: '2026-03-09T00:00:00+01:00' }],
        }),
      );
      expect(term.dueDate).toBe('2026-03-04');
    });

    it('given a pause that spans the due date, then every paused day up to the moving due counts', () => {
      const term = due(
        dueBySolarDays({
          from: '2026-02-02',
          days: 30,
          pauses: [{ start: '2026-03-03T00:00:00+01:00', end: '2026-03-06T00:00:00+01:00' }],
        }),
      );
      expect(term.dueDate).toBe('2026-03-07');
    });

    it('given the 25-hour day at the end of DST paused 00:00–24:00, then it is paused whole', () => {
      const whole = due(
        dueBySolarDays({
          from: '2026-10-20',
          days: 10,
          pauses: [{ start: '2026-10-25T00:00:00+02:00', end: '2026-10-26T00:00:00+01:00' }],
        }),
      );
      const twentyFourHours = due(
        dueBySolarDays({
          from: '2026-10-20',
          days: 10,
          pauses: [{ start: '2026-10-25T00:00:00+02:00', end: '2026-10-25T23:00:00+01:00' }],
        }),
      );
      expect(whole.dueDate).toBe('2026-10-31');
      expect(twentyFourHours.dueDate).toBe('2026-10-30');
    });

    it('given the 23-hour day at the start of DST paused 00:00–24:00, then it is paused whole', () => {
      const term = due(
        dueBySolarDays({
          from: '2026-03-25',
          days: 10,
          pauses: [{ start: '2026-03-29T00:00:00+01:00', end: '2026-03-30T00:00:00+02:00' }],
        }),
      );
      expect(term.dueDate).toBe('2026-04-05');
    });

    it('given an open pause covering a whole day before the term ends, then the term is suspended', () => {
      const term = dueBySolarDays({
        from: '2026-02-02',
        days: 30,
        pauses: [{ start: '2026-02-20T15:00:00+01:00', end: null }],
      });
      expect(term).toMatchObject({
        status: 'SUSPENDED',
        dueAt: null,
        reason: 'OPEN_PAUSE',
        pausedSince: '2026-02-20T14:00:00.000Z',
        remaining: { value: 12, unit: 'days' },
      });
    });

    it('given an open pause starting on the due date itself, then that day counts and the term is due', () => {
      const term = due(
        dueBySolarDays({
          from: '2026-02-02',
          days: 30,
          pauses: [{ start: '2026-03-04T09:00:00+01:00', end: null }],
        }),
      );
      expect(term.dueDate).toBe('2026-03-04');
    });
  });
});
