/**
 * The figures of an operator policy version that complaints need (RULES §4.1, §4.6), as data.
 * The ticket pins the version in force when the complaint was received (CAL-9).
 */
export interface ComplaintPolicy {
  operator: string;
  /** e.g. `PSA@cds` — stored on every event of the ticket. */
  version: string;
  /** `complaint.answer.term`, solar days from receipt (CMP-5, CAL-2). */
  answerTermDays: number;
  answerTermClause: string;
  /** `complaint.answer.extensionOnComplexity`: PSA only (CMP-7, AMB-3). */
  complexityExtensionAllowed: boolean;
  /** `billingComplaint.filingWindow` in solar days; null = no window (Fastweb, AMB-5). */
  billingFilingWindowDays: number | null;
  /** `latePayment.suspendedWhileBillingComplaintPending` (BIL-10). */
  latePaymentSuspendedWhileBillingComplaintPending: boolean;
  /** `complaint.lateIndemnity.*` (CMP-12): the operator's figure, or the regulator's (IND-14). */
  lateIndemnity: {
    dailyCents: number;
    capCents: number;
    businessMultiplier: number;
    basis: 'contract' | 'regulator';
    clause: string;
  };
  /** `outageComplaint.filingWindow` (CMP-9): solar days from the end of the outage; null = none. */
  outageComplaintWindowDays: number | null;
  outageComplaintClause: string;
}
