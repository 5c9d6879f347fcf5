/**
 * The figures of an operator policy version that activation and relocation requests need
 * (RULES §4.3, and the activation rows of §4.5), as data. A request pins the version in force when
 * it was received (CAL-9). `null` = the seeds say nothing ("—"): the rule degrades as documented.
 */
export const PAUSE_KINDS = [
  'WAITING_ON_CUSTOMER',
  'FORCE_MAJEURE',
  'THIRD_PARTY_OR_AUTHORITY',
] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/** What starts a term: Fastweb's proposal received (ACT-1), PSA's completed request (ACT-9), or
 * the relocation request (ACT-7). Day 0, never counted (CAL-2). */
export type TermStartEvent = 'PROPOSAL_RECEIVED' | 'REQUEST_COMPLETED' | 'RELOCATION_REQUESTED';

/** `indemnity.payout`: IND-4, AMB-12 (Fastweb), IND-7, AMB-37 (PSA). */
export type PayoutMode = 'AUTOMATIC' | 'ON_REQUEST' | 'AUTOMATIC_AFTER_WRITTEN_REPORT';

export interface DelayIndemnityRate {
  dailyCents: { residential: number; business: number };
  /** At most this many days are paid (IND-1); null = no day cap. */
  capDays: number | null;
  /** At most this amount per request (IND-5); null = no amount cap. */
  capCents: number | null;
  /** Beyond this many days a supervisor assesses a supplementary indemnity (IND-2, AMB-11). */
  supplementaryAssessmentBeyondDays: number | null;
  rules: readonly string[];
  clause: string;
}

export interface ActivationPolicy {
  operator: string;
  /** e.g. `PSA@cds` — stored on every event of the request. */
  version: string;
  /** `activation.term` (ACT-1, ACT-9): solar days (CAL-2). */
  activation: {
    termDays: number;
    startsAt: TermStartEvent;
    rule: string;
    clause: string;
    /** `activation.term.indirectBroadband` (ACT-9, AMB-9): broadband via indirect access without
     * voice; null = no separate term. */
    indirectBroadband: { termDays: number; rule: string; clause: string } | null;
  };
  /** `activation.technicalCheck.term` and `activation.afterCheck.term` (ACT-2, AMB-8). */
  technicalCheck: {
    /** Checks due this many solar days after receipt; null = no term. */
    termDays: number | null;
    /** Due = the earlier of the activation term and (positive check + these days); null = none. */
    afterPositiveCheckDays: number | null;
    rule: string | null;
    clause: string | null;
  };
  /** `relocation.term`; `termDays: null` = per relocation form, recorded on the request (AMB-8). */
  relocation: { termDays: number | null; startsAt: TermStartEvent; rule: string; clause: string };
  /** `activation.informedDelayExempts` (ACT-3, ACT-10, IND-5). */
  informedDelay: {
    /** true: a delay announced in time, with its new date, carries no indemnity up to that date. */
    exempts: boolean;
    /** ACT-10: the notice states the date from which the service can be activated. */
    requiresNewDate: boolean;
    rule: string;
    clause: string;
  };
  /** CAL-8: the kinds of pause that stop the activation clock. */
  pause: { allowedKinds: readonly PauseKind[]; clause: string };
  indemnity: {
    /** `indemnity.activationDelay.*` (IND-1, IND-5). */
    activationDelay: DelayIndemnityRate;
    /** `indemnity.relocationDelay`; null = indemnified as an activation delay (AMB-8). */
    relocationDelay: DelayIndemnityRate | null;
    /** The regulator's figure beside the contractual one (EXT-IND-2, EXT-IND-8, IND-12). */
    regulatory: {
      dailyCentsPerService: number;
      /** EXT-IND-8: internet access on ultra-broadband, +1/3. */
      ultraBroadbandDailyCentsPerService: number;
      /** EXT-IND-8: business lines, amounts doubled. */
      businessMultiplier: number;
      /** EXT-IND-1: credited without a request, on the first invoice issued this many days after
       * the resolution. */
      automatic: boolean;
      creditAfterDays: number;
      rules: readonly string[];
      clause: string;
    };
    /** `indemnity.applyRegulatoryFloor` (AMB-17): credit the higher of the two figures. */
    applyRegulatoryFloor: boolean;
    /** `indemnity.payout` for the contractual figure. */
    payout: {
      mode: PayoutMode;
      /** IND-7: the written channels a report must come through; null = any. */
      writtenReportChannels: readonly string[] | null;
      rules: readonly string[];
      clause: string;
    };
  };
}
