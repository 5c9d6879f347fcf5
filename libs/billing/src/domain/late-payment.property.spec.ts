import fc from 'fast-check';
import { addDays } from '@sportello/sla';
import { FASTWEB_BILLING, PSA_BILLING } from '../testing/billing-policies.fixture';
import { lateInterest, latePaymentPenalty } from './late-payment';

const terms = PSA_BILLING.latePayment.penalty!;
const amount = fc.integer({ min: 0, max: 100_000_000 });
const days = fc.integer({ min: -30, max: 800 });
const regular = fc.integer({ min: 0, max: 10 });
const DUE = '2026-06-10';

const penalty = (baseCents: number, late: number, regularPaymentsBefore: number) =>
  latePaymentPenalty({
    baseCents,
    dueDate: DUE,
    paidOn: addDays(DUE, late),
    terms,
    regularPaymentsBefore,
  }).amountCents;

describe('BIL-7, BIL-8 — the PSA penalty, properties', () => {
  it('is never negative and never above 5% of the amount (rounded half-up once)', () => {
    fc.assert(
      fc.property(amount, days, regular, (base, late, n) => {
        const cents = penalty(base, late, n);
        expect(cents).toBeGreaterThanOrEqual(0);
        expect(cents).toBeLessThanOrEqual(Math.floor((base * 500 + 5_000) / 10_000));
      }),
    );
  });

  it('is monotone in the days late', () => {
    fc.assert(
      fc.property(amount, days, days, regular, (base, a, b, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(penalty(base, early, n)).toBeLessThanOrEqual(penalty(base, late, n));
      }),
    );
  });

  it('is zero on or before the due date, and the grace never makes it larger', () => {
    fc.assert(
      fc.property(amount, days, regular, (base, late, n) => {
        if (late <= 0) expect(penalty(base, late, n)).toBe(0);
        expect(penalty(base, late, Math.max(n, 3))).toBeLessThanOrEqual(penalty(base, late, 0));
      }),
    );
  });
});

describe('BIL-4, AMB-23 — Fastweb interest, properties', () => {
  const interest = FASTWEB_BILLING.latePayment.interest!;
  const cents = (base: number, late: number) => {
    const figure = lateInterest({
      baseCents: base,
      dueDate: DUE,
      paidOn: addDays(DUE, late),
      terms: interest,
    });
    return figure.status === 'assessed' ? figure.amountCents : 0;
  };

  it('accrues nothing through day 15, is never negative and grows with the days late', () => {
    fc.assert(
      fc.property(amount, days, days, (base, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        if (late <= 15) expect(cents(base, late)).toBe(0);
        expect(cents(base, early)).toBeGreaterThanOrEqual(0);
        expect(cents(base, early)).toBeLessThanOrEqual(cents(base, late));
      }),
    );
  });
});
