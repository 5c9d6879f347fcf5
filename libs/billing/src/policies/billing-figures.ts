import { BillingPolicy } from '../domain/billing.policy';

/**
 * RULES §4.6 per policy version, as the operator policy files name them. "—" is null. The legal
 * rate is not here: it is a dated parameter an administrator enters (AMB-23).
 * TODO(lead): move these figures into the `policies/*.json` files and their validation.
 */
export const BILLING_FIGURES: Record<string, BillingPolicy> = {
  'FASTWEB@cds-2017': {
    operator: 'FASTWEB',
    version: 'FASTWEB@cds-2017',
    invoiceLeadTimeDays: 15,
    latePayment: {
      model: 'INTEREST',
      interest: {
        startAfterDays: 15,
        spreadBasisPoints: 300,
        legalRates: [],
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
  },
  'PSA@cds': {
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
  },
};
