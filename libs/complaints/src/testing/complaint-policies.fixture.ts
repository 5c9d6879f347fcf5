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
  lateIndemnity: {
    dailyCents: 250,
    capCents: 30000,
    businessMultiplier: 1,
    basis: 'regulator',
    clause: 'AGCOM 347/18/CONS art. 12 (EXT-IND-7)',
  },
  outageComplaintWindowDays: null,
  outageComplaintClause: 'not in the seeds',
};

export const PSA_COMPLAINTS: ComplaintPolicy = {
  ...FASTWEB_COMPLAINTS,
  operator: 'PSA',
  version: 'PSA@cds',
  answerTermClause: 'PSA-CDS §10',
  complexityExtensionAllowed: true,
  billingFilingWindowDays: 15,
  latePaymentSuspendedWhileBillingComplaintPending: true,
  lateIndemnity: {
    dailyCents: 500,
    capCents: 5000,
    businessMultiplier: 1,
    basis: 'contract',
    clause: 'PSA-CDS §19 (IND-8)',
  },
  outageComplaintWindowDays: 15,
  outageComplaintClause: 'PSA-CDS §10 (CMP-9)',
};
