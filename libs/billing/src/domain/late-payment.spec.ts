import { FASTWEB_BILLING, PSA_BILLING } from '../testing/billing-policies.fixture';
import { InterestTerms } from './billing.policy';
import { lateInterest, latePaymentPenalty, roundHalfUp } from './late-payment';

const penaltyTerms = PSA_BILLING.latePayment.penalty!;
const interestTerms = FASTWEB_BILLING.latePayment.interest!;

describe('late-payment figures', () => {
  describe('BIL-7 — PSA penalty 2% / 5% (AS-22)', () => {
    const paid = (paidOn: string) =>
      latePaymentPenalty({
        baseCents: 10_000,
        dueDate: '2026-06-10',
        paidOn,
        terms: penaltyTerms,
        regularPaymentsBefore: 2,
      });

    it('AS-22: €100.00 due 2026-06-10 paid on day 15 (2026-06-25) → 2% = €2.00', () => {
      expect(paid('2026-06-25')).toEqual({
        daysLate: 15,
        basis: { kind: 'bracket', fromDay: 1, toDay: 15, basisPoints: 200 },
        amountCents: 200,
      });
    });

    it('AS-22: paid on day 16 (2026-06-26) → 5% = €5.00', () => {
      expect(paid('2026-06-26')).toMatchObject({ daysLate: 16, amountCents: 500 });
    });

    it('BIL-7: paid on or before the due date → no penalty', () => {
      expect(paid('2026-06-10')).toEqual({
        daysLate: 0,
        basis: { kind: 'on_time' },
        amountCents: 0,
      });
      expect(paid('2026-06-01').amountCents).toBe(0);
    });

    it('BIL-7, CAL-7: day 1 is the day after the due date', () => {
      expect(paid('2026-06-11')).toMatchObject({ daysLate: 1, amountCents: 200 });
    });
  });

  describe('BIL-8, AMB-25 — three-invoice grace (AS-23)', () => {
    const paid = (paidOn: string, regularPaymentsBefore = 3) =>
      latePaymentPenalty({
        baseCents: 8_430,
        dueDate: '2026-07-31',
        paidOn,
        terms: penaltyTerms,
        regularPaymentsBefore,
      });

    it('AS-23: 3 regular payments, paid 14 days late (2026-08-14) → €0.00', () => {
      expect(paid('2026-08-14')).toEqual({
        daysLate: 14,
        basis: { kind: 'grace', regularPayments: 3, maxDaysLate: 15 },
        amountCents: 0,
      });
    });

    it('AS-23, CAL-10: paid 20 days late (2026-08-20) → 5% of €84.30 = €4.215 → €4.22 half-up', () => {
      expect(paid('2026-08-20')).toMatchObject({
        daysLate: 20,
        basis: { kind: 'bracket', basisPoints: 500 },
        amountCents: 422,
      });
    });

    it('BIL-8: grace covers day 15 but not day 16', () => {
      expect(paid('2026-08-15').amountCents).toBe(0);
      expect(paid('2026-08-16').amountCents).toBe(422);
    });

    it('BIL-8: two regular payments are not enough', () => {
      expect(paid('2026-08-14', 2)).toMatchObject({ basis: { kind: 'bracket' }, amountCents: 169 });
    });
  });

  describe('BIL-4, AMB-23 — Fastweb late-payment interest (AS-26)', () => {
    it('AS-26: €120.00 due 2026-02-10 paid 2026-03-12 → 5% a year for days 16–30 (15 days) = €0.2466 → €0.25', () => {
      expect(
        lateInterest({
          baseCents: 12_000,
          dueDate: '2026-02-10',
          paidOn: '2026-03-12',
          terms: interestTerms,
        }),
      ).toEqual({
        status: 'assessed',
        daysLate: 30,
        accrualFrom: '2026-02-26',
        accrualTo: '2026-03-12',
        accrualDays: 15,
        segments: [
          {
            from: '2026-02-26',
            to: '2026-03-12',
            days: 15,
            annualBasisPoints: 500,
            legalRateBasisPoints: 200,
            cappedAtUsuryThreshold: false,
            source: expect.stringContaining('TEST VALUE'),
          },
        ],
        amountCents: 25,
      });
    });

    it('AMB-23: nothing accrues through day 15; day 16 is the first day of interest', () => {
      const at = (paidOn: string) =>
        lateInterest({ baseCents: 12_000, dueDate: '2026-02-10', paidOn, terms: interestTerms });
      expect(at('2026-02-25')).toEqual({ status: 'none', daysLate: 15 });
      expect(at('2026-02-26')).toMatchObject({
        status: 'assessed',
        accrualDays: 1,
        amountCents: 2,
      });
    });

    it('BIL-4: the legal rate is taken day by day, and the sum rounded once', () => {
      const terms: InterestTerms = {
        ...interestTerms,
        legalRates: [
          {
            from: '2026-01-01',
            legalRateBasisPoints: 200,
            usuryThresholdBasisPoints: null,
            source: 'test',
          },
          {
            from: '2025-01-01',
            legalRateBasisPoints: 250,
            usuryThresholdBasisPoints: null,
            source: 'test',
          },
        ],
      };
      const figure = lateInterest({
        baseCents: 100_000,
        dueDate: '2025-12-01',
        paidOn: '2026-01-10',
        terms,
      });
      expect(figure).toMatchObject({
        status: 'assessed',
        accrualFrom: '2025-12-17',
        accrualDays: 25,
        segments: [
          { from: '2025-12-17', to: '2025-12-31', days: 15, annualBasisPoints: 550 },
          { from: '2026-01-01', to: '2026-01-10', days: 10, annualBasisPoints: 500 },
        ],
        // 1000 € × (5.5% × 15 + 5% × 10) / 365 = 3.6301… → 3.63
        amountCents: 363,
      });
    });

    it('BIL-4: never above the usury threshold when one is given', () => {
      const terms: InterestTerms = {
        ...interestTerms,
        legalRates: [
          {
            from: '2026-01-01',
            legalRateBasisPoints: 200,
            usuryThresholdBasisPoints: 400,
            source: 'test',
          },
        ],
      };
      expect(
        lateInterest({ baseCents: 12_000, dueDate: '2026-02-10', paidOn: '2026-03-12', terms }),
      ).toMatchObject({
        segments: [{ annualBasisPoints: 400, cappedAtUsuryThreshold: true }],
        amountCents: 20,
      });
    });

    it('AMB-23: without a legal rate for an accrual day nothing is guessed', () => {
      expect(
        lateInterest({
          baseCents: 12_000,
          dueDate: '2026-02-10',
          paidOn: '2026-03-12',
          terms: { ...interestTerms, legalRates: [] },
        }),
      ).toEqual({
        status: 'rate_missing',
        daysLate: 30,
        accrualFrom: '2026-02-26',
        accrualTo: '2026-03-12',
        missingFrom: '2026-02-26',
      });
    });
  });

  describe('CAL-10 — rounding', () => {
    it('rounds half up, once, in integers', () => {
      expect(roundHalfUp(42_150n, 10_000n)).toBe(4);
      expect(roundHalfUp(4_215n, 1_000n)).toBe(4);
      expect(roundHalfUp(4_500n, 1_000n)).toBe(5);
      expect(roundHalfUp(4_499n, 1_000n)).toBe(4);
      expect(roundHalfUp(0n, 7n)).toBe(0);
    });
  });
});
