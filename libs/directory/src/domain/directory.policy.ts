/**
 * The figures of an operator policy version that directory errors need (RULES §4.5
 * `indemnity.directoryError`, with the regulator's figure of §6), as data. An error pins the
 * version in force when it was reported (CAL-9). `null` = the seeds say nothing ("—").
 */
export interface DirectoryPolicy {
  operator: string;
  /** e.g. `FASTWEB@cds-2017` — stored on every event of the ticket. */
  version: string;
  indemnity: {
    /** `indemnity.directoryError`: flat, once per error, whatever its duration (IND-3, DIR-4);
     * null = no contractual figure, only the regulatory reference is shown. */
    flatCents: { residential: number; business: number } | null;
    rules: readonly string[];
    clause: string | null;
  };
  /** EXT-IND-6 (EXT-IND-8 for business lines): the reference shown beside the contractual figure
   * (IND-12); used in disputes, never credited for this type (AMB-17). */
  regulatory: {
    centsPerYear: number;
    businessMultiplier: number;
    /** How a part-year counts; the regulation's proration is unconfirmed (EXT-IND-6). */
    proration: 'STARTED_YEARS';
    rules: readonly string[];
    clause: string;
  };
}
