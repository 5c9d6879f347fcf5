import fc from 'fast-check';
import { indemnityFigures } from './indemnity-figures';
import { DayCount, IndemnityTerms } from './indemnity.events';

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');

const count = fc.oneof(
  fc.integer({ min: 0, max: 365 * DAY }).map((offset): DayCount => ({
    basis: 'STARTED_24_HOUR_PERIODS',
    dueAt: new Date(START + offset).toISOString(),
  })),
  fc.integer({ min: 0, max: 365 }).map((days): DayCount => {
    const dueAt = new Date(START + days * DAY + 23 * 3_600_000).toISOString();
    return { basis: 'CALENDAR_DAYS_AFTER_DUE_DATE', dueAt, dueDate: dueAt.slice(0, 10) };
  }),
);

const terms = (floor: boolean) =>
  fc
    .record({
      count,
      dailyCents: fc.integer({ min: 0, max: 5_000 }),
      multiplier: fc.integer({ min: 1, max: 4 }),
      capDays: fc.option(fc.integer({ min: 1, max: 30 })),
      capCents: fc.option(fc.integer({ min: 0, max: 100_000 })),
      regulatoryDaily: fc.integer({ min: 0, max: 2_000 }),
    })
    .map((t): IndemnityTerms => ({
      count: t.count,
      rate: {
        dailyCents: t.dailyCents,
        multiplier: t.multiplier,
        capDays: t.capDays,
        capCents: t.capCents,
        flatCents: null,
        rules: ['IND-1'],
        clause: 'test',
      },
      regulatory: floor
        ? {
            rules: ['EXT-IND-2'],
            clause: 'test',
            per: 'DAY',
            unitCents: t.regulatoryDaily,
            multiplier: 1,
            from: null,
            to: null,
            applyAsFloor: true,
          }
        : null,
      supplementaryBeyondDays: t.capDays,
    }));

const instants = fc
  .tuple(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 60 * DAY }))
  .map(([a, step]) => [
    new Date(START + a).toISOString(),
    new Date(START + a + step).toISOString(),
  ]);

describe('IND-12, CAL-7, CAL-10: an accruing indemnity against the clock (property)', () => {
  it('IND-1, IND-8: never decreases while it accrues, with or without the AMB-17 floor', () => {
    fc.assert(
      fc.property(fc.boolean().chain(terms), instants, (t, [earlier, later]) => {
        const before = indemnityFigures(t, earlier);
        const after = indemnityFigures(t, later);
        expect(after.days).toBeGreaterThanOrEqual(before.days);
        expect(after.contractualCents).toBeGreaterThanOrEqual(before.contractualCents);
        expect(after.creditedCents).toBeGreaterThanOrEqual(before.creditedCents);
        if (before.final) expect(after.contractualCents).toBe(before.contractualCents);
      }),
      { numRuns: 500 },
    );
  });

  it('CAL-10: never exceeds the cap per ticket and type, by days and by amount; whole cents', () => {
    fc.assert(
      fc.property(terms(false), instants, (t, [, asOf]) => {
        const f = indemnityFigures(t, asOf);
        const { capDays, capCents, dailyCents, multiplier } = t.rate;
        if (capDays !== null) expect(f.daysPaid).toBeLessThanOrEqual(capDays);
        if (capCents !== null) expect(f.creditedCents).toBeLessThanOrEqual(capCents);
        if (capDays !== null)
          expect(f.creditedCents).toBeLessThanOrEqual(capDays * dailyCents * multiplier);
        expect(Number.isInteger(f.creditedCents)).toBe(true);
        expect(f.creditedCents).toBeLessThanOrEqual(f.uncappedCents);
      }),
      { numRuns: 500 },
    );
  });
});
