import fc from 'fast-check';
import { DateTime } from 'luxon';
import { Pause } from '../pauses/pause';
import {
  MINUTE,
  RawPause,
  ROME,
  isAppendixAHoliday,
  isSaturday,
  isSunday,
  nextDate,
  referenceDayCount,
  referenceElapsedMinutes,
  romeMidnight,
} from '../testing/reference-calendar';
import { dueByNonHolidayDays, dueBySolarDays, dueByWorkingDays } from './day-terms';
import { dueByElapsedHours } from './elapsed-hours';

const FIRST_DAY = DateTime.fromISO('2026-01-01', { zone: ROME });
// Keeps every count inside the two years of Appendix A, the reference's holiday list.
const LAST_START_DAY = 690;

const startInstant = fc
  .record({
    day: fc.integer({ min: 0, max: LAST_START_DAY }),
    minute: fc.integer({ min: 0, max: 1439 }),
  })
  .map(({ day, minute }) => FIRST_DAY.plus({ days: day }).plus({ minutes: minute }).toMillis());

const toPauses = (raw: readonly RawPause[]): Pause[] =>
  raw.map((p) => ({
    start: new Date(p.start),
    end: Number.isFinite(p.end) ? new Date(p.end) : null,
  }));

const rarelyOpen = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);

/** Pauses on a minute grid around an elapsed-hour term starting at `start`. */
const minutePauses = (start: number, minutes: number) =>
  fc
    .array(
      fc.record({
        from: fc.integer({ min: -600, max: minutes + 2000 }),
        length: fc.integer({ min: 0, max: 3000 }),
        open: rarelyOpen,
      }),
      { maxLength: 5 },
    )
    .map((pauses) =>
      pauses.map(({ from, length, open }) => ({
        start: start + from * MINUTE,
        end: open ? Infinity : start + (from + length) * MINUTE,
      })),
    );

/** Pauses on a 15-minute grid of Rome local time, often from or to a midnight. */
const dayPauses = (startDate: string) => {
  const point = fc
    .record({
      day: fc.integer({ min: -1, max: 16 }),
      slot: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 95 })),
    })
    .map(({ day, slot }) =>
      DateTime.fromISO(startDate, { zone: ROME })
        .plus({ days: day, minutes: slot * 15 })
        .toMillis(),
    );
  return fc
    .array(fc.record({ a: point, b: point, open: rarelyOpen }), { maxLength: 4 })
    .map((pauses) =>
      pauses.map(({ a, b, open }) => ({
        start: Math.min(a, b),
        end: open ? Infinity : Math.max(a, b),
      })),
    );
};

const dateOf = (ms: number) => DateTime.fromMillis(ms, { zone: ROME }).toISODate() as string;

describe('Calendar arithmetic — properties', () => {
  it('CAL-2, CAL-3, CAL-4, CAL-6: a due instant is never before its start', () => {
    fc.assert(
      fc.property(
        startInstant.chain((start) =>
          fc.tuple(fc.constant(start), fc.integer({ min: 1, max: 60 }), dayPauses(dateOf(start))),
        ),
        ([start, n, raw]) => {
          const from = new Date(start);
          const pauses = toPauses(raw);
          const terms = [
            dueBySolarDays({ from, days: n - 1, pauses }),
            dueByNonHolidayDays({ from, days: Math.ceil(n / 6), pauses }),
            dueByWorkingDays({ from, days: Math.ceil(n / 6) }),
            dueByElapsedHours({ from, hours: n, pauses }),
          ];
          for (const term of terms) {
            if (term.status === 'DUE') expect(Date.parse(term.dueAt)).toBeGreaterThanOrEqual(start);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('CAL-3: the Nth non-holiday day is a non-holiday day with exactly N non-holiday days up to it', () => {
    fc.assert(
      fc.property(startInstant, fc.integer({ min: 1, max: 30 }), (start, n) => {
        const term = dueByNonHolidayDays({ from: new Date(start), days: n });
        if (term.status !== 'DUE') throw new Error('no pause, so never suspended');
        const nonHoliday = (date: string) => !isSunday(date) && !isAppendixAHoliday(date);

        let count = 0;
        for (let d = nextDate(dateOf(start)); d <= term.dueDate; d = nextDate(d)) {
          if (nonHoliday(d)) count += 1;
        }
        expect(nonHoliday(term.dueDate)).toBe(true);
        expect(count).toBe(n);
      }),
      { numRuns: 100 },
    );
  });

  it('CAL-4: the Nth working day is a working day with exactly N working days up to it', () => {
    fc.assert(
      fc.property(startInstant, fc.integer({ min: 1, max: 25 }), (start, n) => {
        const term = dueByWorkingDays({ from: new Date(start), days: n });
        if (term.status !== 'DUE') throw new Error('no pause, so never suspended');
        const working = (date: string) =>
          !isSunday(date) && !isSaturday(date) && !isAppendixAHoliday(date);

        let count = 0;
        for (let d = nextDate(dateOf(start)); d <= term.dueDate; d = nextDate(d)) {
          if (working(d)) count += 1;
        }
        expect(working(term.dueDate)).toBe(true);
        expect(count).toBe(n);
      }),
      { numRuns: 60 },
    );
  });

  it('CAL-6, CAL-8: the paused due instant equals a minute-by-minute count and is never earlier', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(startInstant, fc.integer({ min: 0, max: 96 }))
          .chain(([start, hours]) =>
            fc.tuple(fc.constant(start), fc.constant(hours), minutePauses(start, hours * 60)),
          ),
        ([start, hours, raw]) => {
          const term = dueByElapsedHours({ from: new Date(start), hours, pauses: toPauses(raw) });
          const reference = referenceElapsedMinutes(start, hours * 60, raw);

          expect(term.status).toBe(reference.status);
          if (term.status === 'DUE' && reference.status === 'DUE') {
            expect(Date.parse(term.dueAt)).toBe(start + reference.dueMinute * MINUTE);
            expect(Date.parse(term.dueAt)).toBeGreaterThanOrEqual(Date.parse(term.unpausedDueAt));
          }
          if (term.status === 'SUSPENDED' && reference.status === 'SUSPENDED') {
            expect(Math.round(term.remaining.value * 60)).toBe(reference.remainingMinutes);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('CAL-8: one more pause never moves an elapsed-hour due instant earlier', () => {
    fc.assert(
      fc.property(
        startInstant.chain((start) => fc.tuple(fc.constant(start), minutePauses(start, 72 * 60))),
        ([start, raw]) => {
          const closed = raw.filter((p) => Number.isFinite(p.end));
          const all = dueByElapsedHours({
            from: new Date(start),
            hours: 72,
            pauses: toPauses(closed),
          });
          const fewer = dueByElapsedHours({
            from: new Date(start),
            hours: 72,
            pauses: toPauses(closed.slice(1)),
          });
          if (all.status !== 'DUE' || fewer.status !== 'DUE') throw new Error('closed pauses only');
          expect(Date.parse(all.dueAt)).toBeGreaterThanOrEqual(Date.parse(fewer.dueAt));
        },
      ),
      { numRuns: 100 },
    );
  });

  describe.each([
    [
      'CAL-3',
      'non-holiday',
      dueByNonHolidayDays,
      1,
      8,
      (d: string) => isSunday(d) || isAppendixAHoliday(d),
    ],
    ['CAL-2', 'solar', dueBySolarDays, 0, 12, () => false],
  ] as const)(
    '%s, CAL-8 — %s-day terms with pauses',
    (_rule, _kind, dueBy, minDays, maxDays, skips) => {
      it('equal the day-by-day reference (Appendix B with days paused whole skipped) and never move earlier', () => {
        fc.assert(
          fc.property(
            fc
              .tuple(startInstant, fc.integer({ min: minDays, max: maxDays }))
              .chain(([start, days]) =>
                fc.tuple(fc.constant(start), fc.constant(days), dayPauses(dateOf(start))),
              ),
            ([start, days, raw]) => {
              const term = dueBy({ from: new Date(start), days, pauses: toPauses(raw) });
              const reference = referenceDayCount(dateOf(start), days, skips, raw);

              expect(term.status).toBe(reference.status);
              if (term.status === 'DUE' && reference.status === 'DUE') {
                expect(term.dueDate).toBe(reference.dueDate);
                expect(Date.parse(term.dueAt)).toBe(romeMidnight(nextDate(reference.dueDate)) - 1);
                expect(Date.parse(term.dueAt)).toBeGreaterThanOrEqual(
                  Date.parse(term.unpausedDueAt),
                );
              }
              if (term.status === 'SUSPENDED' && reference.status === 'SUSPENDED') {
                expect(term.remaining.value).toBe(days - reference.counted);
              }
            },
          ),
          { numRuns: 80 },
        );
      });
    },
  );
});
