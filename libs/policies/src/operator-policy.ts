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
  };
}
