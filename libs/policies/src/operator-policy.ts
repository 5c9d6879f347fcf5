/** An operator policy version as reviewed data (RULES §4), pinned by every ticket (CAL-9). */
export type Counting = 'SOLAR_DAYS' | 'NON_HOLIDAY_DAYS' | 'WORKING_DAYS' | 'ELAPSED_HOURS';

export interface Figure<T> {
  value: T;
  /** Where the figure comes from, e.g. `PSA-CDS §10`: shown when a deadline is explained. */
  clause: string;
}

export interface Term {
  /** null: the seeds set no such term (e.g. Fastweb's billing window, AMB-5). */
  days: number | null;
  counting: Counting;
  clause: string;
}

export interface OperatorPolicy {
  operator: string;
  version: string;
  /** ISO date; null = the only known version, in force since before any ticket. */
  effectiveFrom: string | null;
  sources: string[];
  complaints: {
    answerTerm: Term;
    complexityExtension: { allowed: boolean; clause: string };
    billingFilingWindow: Term;
    latePaymentSuspendedWhilePending: Figure<boolean>;
    /** `complaint.lateIndemnity.*` (CMP-12, IND-8, EXT-IND-7): per solar day late, capped. */
    lateIndemnity: LateIndemnity;
    /** `outageComplaint.filingWindow` (CMP-9): days from the end of the outage; null = none. */
    outageComplaintWindow: Term;
  };
  /** WINDTRE profile (RULES §4.11): how a billing incident's arrears are recovered. */
  billingIncident?: BillingIncidentPolicy;
}

export interface LateIndemnity {
  dailyCents: number;
  capCents: number;
  /** EXT-IND-8: the complaint indemnity is not multiplied for business customers (1). */
  businessMultiplier: number;
  /** `contract`: the operator's own figure; `regulator`: the AGCOM fallback where it has none. */
  basis: 'contract' | 'regulator';
  clause: string;
}

export interface BillingIncidentPolicy {
  /** NTF-10: each affected customer is told directly before any recovery charge. */
  noticeChannel: 'sms';
  /** BIL-15: regular charges resume from the month of the notice. */
  regularChargesResume: 'current_month';
  /** AMB-28: one missed renewal recovered per step of this many days. */
  recoveryStepDays: number;
  /** AMB-28: the first step falls on the same day of the month after the notice. */
  firstRecovery: 'same_day_next_month';
  /** EXT-BIL-3: arrears older than this are not recoverable; null = the seeds set no figure. */
  prescriptionMonths: number | null;
  clause: string;
}
