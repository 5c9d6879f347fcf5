/** Billing policy figures as RULES §4.6 gives them, for tests ("—" in the table = null). */
import { BillingPolicy, DatedInterestRate } from '../domain/billing.policy';

/** AS-26: a TEST VALUE for the 2026 legal rate, not a statement of the real rate. */
export const TEST_LEGAL_RATE_2026: DatedInterestRate = {
  from: '2026-01-01',
  legalRateBasisPoints: 200,
  usuryThresholdBasisPoints: null,
  source: 'TEST VALUE (RULES AS-26), not the real 2026 legal rate',
};

export const FASTWEB_BILLING: BillingPolicy = {
  operator: 'FASTWEB',
  version: 'FASTWEB@cds-2017',
  invoiceLeadTimeDays: 15,
  latePayment: {
    model: 'INTEREST',
    interest: {
      startAfterDays: 15,
      spreadBasisPoints: 300,
      legalRates: [TEST_LEGAL_RATE_2026],
      dayCountBasis: 365,
      clause: 'FW-CDS §4.6; FW-CGC 12.5 (BIL-4, AMB-23)',
    },
    penalty: null,
    suspendedWhileBillingComplaintPending: null,
  },
  nonPayment: {
    suspensionAfterDays: 15,
    noticeRequired: true,
    terminationAfterDays: 15,
    reactivationFeeCents: 2400,
    clause: 'FW-CGC 12.6, 12.7, 17; FW-CDS §4.11 (BIL-5)',
  },
};

export const PSA_BILLING: BillingPolicy = {
  operator: 'PSA',
  version: 'PSA@cds',
  invoiceLeadTimeDays: 15,
  latePayment: {
    model: 'PENALTY_BRACKETS',
    interest: null,
    penalty: {
      brackets: [
        { fromDay: 1, toDay: 15, basisPoints: 200 },
        { fromDay: 16, toDay: null, basisPoints: 500 },
      ],
      grace: {
        regularPaymentsRequired: 3,
        maxDaysLate: 15,
        clause: 'PSA-CDS §12 (BIL-8, AMB-25)',
      },
      chargedOn: 'FIRST_USEFUL_INVOICE',
      clause: 'PSA-CDS §12 (BIL-7, BIL-9)',
    },
    suspendedWhileBillingComplaintPending: true,
  },
  nonPayment: {
    suspensionAfterDays: null,
    noticeRequired: null,
    terminationAfterDays: null,
    reactivationFeeCents: null,
    clause: 'not in the seeds',
  },
};
