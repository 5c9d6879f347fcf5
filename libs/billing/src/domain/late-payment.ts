import { addDays, CalendarDate, daysBetween } from '@sportello/sla';
import { DatedInterestRate, InterestTerms, PenaltyBracket, PenaltyTerms } from './billing.policy';

/** CAL-10: one half-up rounding to the cent, at the end, in exact integer arithmetic. */
export function roundHalfUp(numerator: bigint, denominator: bigint): number {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('Only non-negative amounts');
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** CAL-7 (date-based): days from the day after the due date through the payment date. */
export function daysLate(dueDate: CalendarDate, paidOn: CalendarDate): number {
  return Math.max(0, daysBetween(dueDate, paidOn));
}

export type PenaltyBasis =
  | { kind: 'on_time' }
  | { kind: 'grace'; regularPayments: number; maxDaysLate: number }
  | { kind: 'bracket'; fromDay: number; toDay: number | null; basisPoints: number };

export interface PenaltyFigure {
  daysLate: number;
  basis: PenaltyBasis;
  amountCents: number;
}

export interface PenaltyInput {
  /** The unpaid amount the late payment settles, in cents. */
  baseCents: number;
  /** BIL-10: always the due date printed on the invoice, even after a rejected complaint. */
  dueDate: CalendarDate;
  paidOn: CalendarDate;
  terms: PenaltyTerms;
  /** Invoices paid regularly and consecutively just before this one (AMB-25). */
  regularPaymentsBefore: number;
}

function bracketFor(brackets: PenaltyBracket[], days: number): PenaltyBracket | null {
  return brackets.find((b) => days >= b.fromDay && (b.toDay === null || days <= b.toDay)) ?? null;
}

/**
 * BIL-7, BIL-8: the PSA penalty on an amount paid late, by the solar days between the original due
 * date and the actual payment date. Grace (≥ 3 regular payments, ≤ 15 days late) makes it zero.
 */
export function latePaymentPenalty(input: PenaltyInput): PenaltyFigure {
  if (!Number.isInteger(input.baseCents) || input.baseCents < 0)
    throw new RangeError('The base must be whole cents');
  const days = daysLate(input.dueDate, input.paidOn);
  if (days === 0) return { daysLate: 0, basis: { kind: 'on_time' }, amountCents: 0 };
  const grace = input.terms.grace;
  if (
    grace &&
    input.regularPaymentsBefore >= grace.regularPaymentsRequired &&
    days <= grace.maxDaysLate
  ) {
    return {
      daysLate: days,
      basis: {
        kind: 'grace',
        regularPayments: input.regularPaymentsBefore,
        maxDaysLate: grace.maxDaysLate,
      },
      amountCents: 0,
    };
  }
  const bracket = bracketFor(input.terms.brackets, days);
  if (!bracket) return { daysLate: days, basis: { kind: 'on_time' }, amountCents: 0 };
  return {
    daysLate: days,
    basis: { kind: 'bracket', ...bracket },
    amountCents: roundHalfUp(BigInt(input.baseCents) * BigInt(bracket.basisPoints), 10_000n),
  };
}

export interface InterestSegment {
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  /** Legal rate + spread, capped at the usury threshold when one is given. */
  annualBasisPoints: number;
  legalRateBasisPoints: number;
  cappedAtUsuryThreshold: boolean;
  source: string;
}

export type InterestFigure =
  | { status: 'none'; daysLate: number }
  | {
      status: 'assessed';
      daysLate: number;
      accrualFrom: CalendarDate;
      accrualTo: CalendarDate;
      accrualDays: number;
      segments: InterestSegment[];
      amountCents: number;
    }
  /** No legal rate was entered for some accrual day: nothing is guessed. */
  | {
      status: 'rate_missing';
      daysLate: number;
      accrualFrom: CalendarDate;
      accrualTo: CalendarDate;
      missingFrom: CalendarDate;
    };

export interface InterestInput {
  baseCents: number;
  dueDate: CalendarDate;
  paidOn: CalendarDate;
  terms: InterestTerms;
}

function annualRate(rate: DatedInterestRate, spread: number) {
  const raw = rate.legalRateBasisPoints + spread;
  const cap = rate.usuryThresholdBasisPoints;
  return cap !== null && raw > cap ? { bp: cap, capped: true } : { bp: raw, capped: false };
}

/**
 * BIL-4, AMB-23: annual interest at the legal rate + 3 points (never above the usury threshold)
 * for each day from the day after `startAfterDays` through the payment date; the legal rate is
 * taken day by day from the dated parameters, and the sum is rounded once (CAL-10).
 */
export function lateInterest(input: InterestInput): InterestFigure {
  if (!Number.isInteger(input.baseCents) || input.baseCents < 0)
    throw new RangeError('The base must be whole cents');
  const { terms } = input;
  const days = daysLate(input.dueDate, input.paidOn);
  if (days <= terms.startAfterDays || input.baseCents === 0)
    return { status: 'none', daysLate: days };
  const accrualFrom = addDays(input.dueDate, terms.startAfterDays + 1);
  const accrualTo = input.paidOn;
  const rates = [...terms.legalRates].sort((a, b) => daysBetween(b.from, a.from));
  const segments: InterestSegment[] = [];
  let day = accrualFrom;
  while (daysBetween(day, accrualTo) >= 0) {
    const rate = [...rates].reverse().find((r) => daysBetween(r.from, day) >= 0);
    if (!rate)
      return { status: 'rate_missing', daysLate: days, accrualFrom, accrualTo, missingFrom: day };
    const next = rates.find((r) => daysBetween(day, r.from) > 0);
    const last =
      next && daysBetween(next.from, accrualTo) >= 0 ? addDays(next.from, -1) : accrualTo;
    const { bp, capped } = annualRate(rate, terms.spreadBasisPoints);
    segments.push({
      from: day,
      to: last,
      days: daysBetween(day, last) + 1,
      annualBasisPoints: bp,
      legalRateBasisPoints: rate.legalRateBasisPoints,
      cappedAtUsuryThreshold: capped,
      source: rate.source,
    });
    day = addDays(last, 1);
  }
  const numerator = segments.reduce(
    (sum, s) => sum + BigInt(input.baseCents) * BigInt(s.annualBasisPoints) * BigInt(s.days),
    0n,
  );
  return {
    status: 'assessed',
    daysLate: days,
    accrualFrom,
    accrualTo,
    accrualDays: days - terms.startAfterDays,
    segments,
    amountCents: roundHalfUp(numerator, 10_000n * BigInt(terms.dayCountBasis)),
  };
}
