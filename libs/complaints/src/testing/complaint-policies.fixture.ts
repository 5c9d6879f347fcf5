/** Complaint policy figures as RULES §4.1 gives them, for tests. */
import { ComplaintPolicy } from '../domain/complaint.policy';

export const FASTWEB_COMPLAINTS: ComplaintPolicy = {
  operator: 'FASTWEB',
  version: 'FASTWEB@cds-2017',
  answerTermDays: 45,
  answerTermClause: 'FW-CDS §4.12',
  complexityExtensionAllowed: false,
  billingFilingWindowDays: null,
  latePaymentSuspendedWhileBillingComplaintPending: false,
};

export const PSA_COMPLAINTS: ComplaintPolicy = {
  ...FASTWEB_COMPLAINTS,
  operator: 'PSA',
  version: 'PSA@cds',
  answerTermClause: 'PSA-CDS §10',
  complexityExtensionAllowed: true,
  billingFilingWindowDays: 15,
  latePaymentSuspendedWhileBillingComplaintPending: true,
};
