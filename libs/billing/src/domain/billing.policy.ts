import { CalendarDate } from '@sportello/sla';

/**
 * The billing figures of an operator policy version (RULES §4.6), as data. `null` = the seeds say
 * nothing: the rule that needs the figure does not apply, and no value is invented.
 */
export interface BillingPolicy {
  operator: string;
  /** The same version id as the operator's policy file, e.g. `PSA@cds`. */
  version: string;
  /** `invoice.leadTime`: solar days between issue and due date, at least (BIL-1). */
  invoiceLeadTimeDays: number | null;
  latePayment: {
    /** `latePayment.model`. */
    model: LatePaymentModel;
    /** `latePayment.interest.*` (BIL-4, AMB-23); null where the operator charges none. */
    interest: InterestTerms | null;
    /** `latePayment.penalty.*` (BIL-7, BIL-8, BIL-9); null where the operator has none. */
    penalty: PenaltyTerms | null;
    /** `latePayment.suspendedWhileBillingComplaintPending` (BIL-10). */
    suspendedWhileBillingComplaintPending: boolean | null;
  };
  /** `nonPayment.*`, `reactivation.fee` (BIL-5). */
  nonPayment: NonPaymentTerms;
}

export type LatePaymentModel = 'INTEREST' | 'PENALTY_BRACKETS';

/** A dated rate parameter (the legal rate changes every year; AMB-23). Basis points: 2.00% = 200. */
export interface DatedInterestRate {
  /** First calendar day the rate applies to. */
  from: CalendarDate;
  legalRateBasisPoints: number;
  /** The usury threshold (Law 108/1996) in force from the same day; null = not given. */
  usuryThresholdBasisPoints: number | null;
  /** Where the figure comes from; a test value says so. */
  source: string;
}

export interface InterestTerms {
  /** `latePayment.interest.startAfter`: solar days after the due date; accrual from the next. */
  startAfterDays: number;
  /** Added to the legal rate: 3 percentage points = 300. */
  spreadBasisPoints: number;
  /** The legal rates known to the system, in any order; empty = none entered yet. */
  legalRates: DatedInterestRate[];
  /** The divisor of the annual rate (BIL-4: `× days / 365`). */
  dayCountBasis: 365;
  clause: string;
}

/** Days are solar days after the due date (CAL-7): day 1 is the day after it. */
export interface PenaltyBracket {
  fromDay: number;
  /** Inclusive; null = no upper bound. */
  toDay: number | null;
  basisPoints: number;
}

export interface PenaltyTerms {
  brackets: PenaltyBracket[];
  /** BIL-8, AMB-25: no penalty up to `maxDaysLate` after enough regular payments. */
  grace: { regularPaymentsRequired: number; maxDaysLate: number; clause: string } | null;
  /** BIL-9: when an assessed penalty is billed. */
  chargedOn: 'FIRST_USEFUL_INVOICE' | null;
  clause: string;
}

export interface NonPaymentTerms {
  /** `nonPayment.suspension.after`: solar days after the due date; null = no such rule. */
  suspensionAfterDays: number | null;
  /** The customer must be told before the suspension (Fastweb: "after telling the customer"). */
  noticeRequired: boolean | null;
  /** `nonPayment.termination.after`: solar days after the suspension. */
  terminationAfterDays: number | null;
  /** `reactivation.fee` in cents, VAT included, for undisputed non-payment. */
  reactivationFeeCents: number | null;
  clause: string;
}
