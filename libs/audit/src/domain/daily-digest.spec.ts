import fc from 'fast-check';
import {
  digestDateAt,
  digestDateOfTimer,
  digestDatesToArm,
  digestDueAt,
  digestTimerId,
} from './daily-digest';

describe('the daily signed digest falls due at midnight in Rome', () => {
  it('is due at the next Rome midnight, in winter and in summer time', () => {
    expect(digestDueAt('2026-03-02')).toBe('2026-03-02T23:00:00.000Z');
    expect(digestDueAt('2026-07-15')).toBe('2026-07-15T22:00:00.000Z');
    // 2026-03-29: clocks go forward at 02:00; the next midnight is still +02:00 on the 30th.
    expect(digestDueAt('2026-03-29')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('takes the Rome date of the instant, not the UTC one', () => {
    expect(digestDateAt('2026-03-02T23:30:00Z')).toBe('2026-03-03');
    expect(digestDateAt('2026-03-02T22:59:59Z')).toBe('2026-03-02');
  });

  it('arms today, and yesterday only when it is missing after earlier digests', () => {
    const now = '2026-03-05T08:00:00Z';
    expect(digestDatesToArm(now, null).map((d) => d.date)).toEqual(['2026-03-05']);
    expect(digestDatesToArm(now, '2026-03-04').map((d) => d.date)).toEqual(['2026-03-05']);
    expect(digestDatesToArm(now, '2026-03-02')).toEqual([
      { date: '2026-03-04', dueAt: '2026-03-04T23:00:00.000Z' },
      { date: '2026-03-05', dueAt: '2026-03-05T23:00:00.000Z' },
    ]);
  });

  it('is due after every instant of its day, and the timer id carries the date back', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01Z'),
          max: new Date('2035-12-31Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const date = digestDateAt(instant.toISOString());
          const due = Date.parse(digestDueAt(date));
          return due > instant.getTime() && due - instant.getTime() <= 25 * 3_600_000;
        },
      ),
    );
    expect(digestDateOfTimer(digestTimerId('2026-03-02'))).toBe('2026-03-02');
    expect(digestDateOfTimer('complaint-1')).toBeNull();
  });
});
