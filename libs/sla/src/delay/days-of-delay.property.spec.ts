import fc from 'fast-check';
import { DateTime } from 'luxon';
import { dueByNonHolidayDays } from '../terms/day-terms';
import { dueByElapsedHours } from '../terms/elapsed-hours';
import { DueTerm, Term } from '../terms/term';
import { delayOf } from './days-of-delay';

const FIRST = DateTime.fromISO('2026-01-01T00:00:00', { zone: 'Europe/Rome' }).toMillis();
const MINUTE = 60_000;

function due(term: Term): DueTerm {
  if (term.status !== 'DUE') throw new Error('no pause, so never suspended');
  return term;
}

const terms = fc
  .tuple(fc.integer({ min: 0, max: 690 * 1440 }), fc.boolean(), fc.integer({ min: 1, max: 96 }))
  .map(([minute, hourBased, n]) => {
    const from = new Date(FIRST + minute * MINUTE);
    return hourBased
      ? due(dueByElapsedHours({ from, hours: n }))
      : due(dueByNonHolidayDays({ from, days: Math.ceil(n / 12) }));
  });

// Fulfilment times around the due instant, to the millisecond near it and by minutes further out.
const offset = fc.oneof(
  fc.integer({ min: -2, max: 2 }),
  fc.integer({ min: -20 * 1440, max: 40 * 1440 }).map((minutes) => minutes * MINUTE),
);

describe('CAL-7 — days of delay, properties', () => {
  it('is 0 exactly when the act is not after the due instant', () => {
    fc.assert(
      fc.property(terms, offset, (term, delta) => {
        const at = new Date(Date.parse(term.dueAt) + delta);
        expect(delayOf(term, at).days === 0).toBe(delta <= 0);
      }),
      { numRuns: 200 },
    );
  });

  it('never decreases as the fulfilment moves later', () => {
    fc.assert(
      fc.property(terms, offset, offset, (term, a, b) => {
        const dueAt = Date.parse(term.dueAt);
        const earlier = delayOf(term, new Date(dueAt + Math.min(a, b))).days;
        const later = delayOf(term, new Date(dueAt + Math.max(a, b))).days;
        expect(later).toBeGreaterThanOrEqual(earlier);
      }),
      { numRuns: 200 },
    );
  });
});
