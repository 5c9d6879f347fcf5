/**
 * The figures of an operator policy version that faults need (RULES §4.2, plus the repair-delay
 * indemnities of §4.5), as data. A fault pins the version in force when it was reported (CAL-9).
 * `null` = the seeds say nothing ("—"): the rule degrades as documented on each key.
 */
export const PAUSE_KINDS = [
  'WAITING_ON_CUSTOMER',
  'FORCE_MAJEURE',
  'THIRD_PARTY_OR_AUTHORITY',
] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/** `fault.repair.termKind`. */
export type RepairTermKind = 'ELAPSED_HOURS' | 'NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY';

/** `fault.complexRegime` for a fault a supervisor marks COMPLEX: FASTWEB flags it for review and
 * the clock keeps running (AMB-7); PSA drops the fixed term (FLT-8). */
export type ComplexFaultRegime = 'REVIEW_ONLY' | 'NO_FIXED_TERM';

export interface FaultPolicy {
  operator: string;
  /** e.g. `PSA@cds` — stored on every event of the fault. */
  version: string;
  repair: {
    /** `fault.repair.termKind` (FLT-2, FLT-6). */
    termKind: RepairTermKind;
    /** `fault.repair.term`: elapsed hours from the report, or non-holiday days after its day. */
    term: number;
    /** The rule that sets the term: `FLT-2` (hours) or `FLT-6` (non-holiday days). */
    rule: string;
    clause: string;
    /** `fault.repair.method`: true = remote intervention before any technician visit (FLT-2);
     * null = the seed says nothing, so no order is enforced. */
    remoteFirst: boolean | null;
    methodClause: string | null;
  };
  /** `fault.repair.scope`: what the operator repairs; outside it a fault closes OUT_OF_SCOPE. */
  scope: { description: string; rule: string; clause: string };
  /** `fault.pause.allowedReasons` (CAL-8). */
  pause: { allowedKinds: readonly PauseKind[]; clause: string };
  /** `fault.complexRegime` (AMB-7, FLT-8, FLT-10). */
  complexity: {
    complex: ComplexFaultRegime;
    /** NTF-7: a complex fault's status is published on the operator's main channels. */
    publishStatus: boolean;
    /** EXCEPTIONAL_WIDESPREAD regime (FLT-10 → IND-9); null = the policy has none. */
    exceptionalWidespread: 'IND_9' | null;
    clause: string;
  };
  /** `fault.massOutage.threshold` (FLT-9): reports per area per time; null = not configured. */
  massOutageThreshold: { reports: number; withinMinutes: number } | null;
  /** `fault.onSitePaymentsAllowed` (FLT-5, SUP-5); null = the seed says nothing. The issue says
   * never: only an explicit `true` would let a visit record a payment. */
  onSitePaymentsAllowed: boolean | null;
  onSitePaymentsClause: string | null;
  /** Solar days after the day of closure during which a fault may be reopened (CAL-2);
   * null = no window set: reopening is refused and a new fault is reported (FLT-1). */
  reopenWindowDays: number | null;
  /** §4.5 `indemnity.repairDelay.*`, `indemnity.exceptionalFault` (IND-1, IND-2, IND-8, IND-9). */
  indemnity: {
    repairDelay: {
      dailyCents: { residential: number; business: number };
      /** At most this many days are paid (IND-1); null = no day cap. */
      capDays: number | null;
      /** At most this amount per ticket (IND-8); null = no amount cap. */
      capCents: number | null;
      /** Beyond this many days a supervisor assesses a supplementary indemnity (IND-2, AMB-11). */
      supplementaryAssessmentBeyondDays: number | null;
      rules: readonly string[];
      clause: string;
    };
    /** IND-9, AMB-15; null where the policy has no exceptional regime. */
    exceptionalFault: {
      dailyCents: number;
      /** Counting starts this many days after the force majeure ends. */
      startDaysAfterForceMajeure: number;
      capCents: number | null;
      rules: readonly string[];
      clause: string;
    } | null;
  };
}
