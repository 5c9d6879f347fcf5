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
  /** RULES §4.2 and the repair rows of §4.5; absent where the seeds set no repair figures. */
  faults?: FaultsPolicy;
  /** RULES §4.3 and the activation rows of §4.5, with the regulator's figures of §6. */
  activation?: ActivationFigures;
  /** RULES §4.4 and `indemnity.maintenanceNotice` (§4.5). */
  maintenance?: MaintenanceFigures;
  /** `indemnity.directoryError` (§4.5) and the regulator's reference (EXT-IND-6). */
  directory?: DirectoryFigures;
  /** QUA-1…QUA-3: the quality indicators' publication and yearly targets (§3.14, §6.3). */
  quality?: QualityFigures;
  /** RULES §4.6: invoice lead time, late payment, non-payment; absent without seed figures. */
  billing?: BillingFigures;
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

export type PauseKindName = 'WAITING_ON_CUSTOMER' | 'FORCE_MAJEURE' | 'THIRD_PARTY_OR_AUTHORITY';

/** `fault.*` (RULES §4.2) and `indemnity.repairDelay` / `indemnity.exceptionalFault` (§4.5). */
export interface FaultsPolicy {
  /** `fault.repair.termKind` and `fault.repair.term` (FLT-2, FLT-6). */
  repairTerm: {
    kind: 'ELAPSED_HOURS' | 'NTH_NON_HOLIDAY_DAY_AFTER_REPORT_DAY';
    /** Hours from the report, or non-holiday days after the report day. */
    value: number;
    rule: string;
    clause: string;
  };
  /** `fault.repair.method`: remote first, then a technician; null = the seed sets no order. */
  repairMethod: { remoteFirst: boolean | null; clause: string | null };
  /** `fault.repair.scope` (FLT-4, FLT-7): outside it a fault closes OUT_OF_SCOPE. */
  scope: { description: string; rule: string; clause: string };
  /** `fault.pause.allowedReasons` (CAL-8). */
  pause: { allowedKinds: PauseKindName[]; clause: string };
  /** `fault.complexRegime` (AMB-7, FLT-8, FLT-10, NTF-7). */
  complexRegime: {
    complex: 'REVIEW_ONLY' | 'NO_FIXED_TERM';
    publishStatus: boolean;
    exceptionalWidespread: 'IND_9' | null;
    clause: string;
  };
  /** `fault.massOutage.threshold` (FLT-9); null = not configured (no seed value). */
  massOutageThreshold: {
    value: { reports: number; withinMinutes: number } | null;
    clause: string;
  };
  /** `fault.onSitePaymentsAllowed` (FLT-5); null = the seed says nothing. */
  onSitePayments: { allowed: boolean | null; clause: string | null };
  /** Solar days after the day of closure to reopen a fault; null = none set (report anew). */
  reopenWindow: Term;
  /** `indemnity.repairDelay.*` (IND-1, IND-2, IND-8). */
  repairDelayIndemnity: {
    dailyCents: { residential: number; business: number };
    capDays: number | null;
    capCents: number | null;
    supplementaryAssessmentBeyondDays: number | null;
    rules: string[];
    clause: string;
  };
  /** `indemnity.exceptionalFault` (IND-9, AMB-15); null where there is no such regime. */
  exceptionalFaultIndemnity: {
    dailyCents: number;
    startDaysAfterForceMajeure: number;
    capCents: number | null;
    rules: string[];
    clause: string;
  } | null;
}

export type TermStartName = 'PROPOSAL_RECEIVED' | 'REQUEST_COMPLETED' | 'RELOCATION_REQUESTED';

export interface DelayIndemnityFigures {
  dailyCents: { residential: number; business: number };
  capDays: number | null;
  capCents: number | null;
  supplementaryAssessmentBeyondDays: number | null;
  rules: string[];
  clause: string;
}

/** `activation.*`, `relocation.term` (§4.3); `indemnity.activationDelay`, `relocationDelay`,
 * `applyRegulatoryFloor`, `payout` (§4.5); EXT-IND-1/2/8 (§6). Solar days throughout (CAL-2). */
export interface ActivationFigures {
  /** `activation.term` (ACT-1, ACT-9). */
  term: {
    days: number;
    counting: 'SOLAR_DAYS';
    startsAt: TermStartName;
    rule: string;
    clause: string;
  };
  /** `activation.term.indirectBroadband` (ACT-9, AMB-9); null = no separate term. */
  indirectBroadbandTerm: {
    days: number;
    counting: 'SOLAR_DAYS';
    rule: string;
    clause: string;
  } | null;
  /** `activation.technicalCheck.term`, `activation.afterCheck.term` (ACT-2, AMB-8); null = none. */
  technicalCheck: {
    days: number | null;
    afterPositiveCheckDays: number | null;
    rule: string | null;
    clause: string | null;
  };
  /** `relocation.term`; days null = per relocation form, recorded on the request (AMB-8). */
  relocationTerm: {
    days: number | null;
    counting: 'SOLAR_DAYS';
    startsAt: TermStartName;
    rule: string;
    clause: string;
  };
  /** `activation.informedDelayExempts` (ACT-3, ACT-10, IND-5). */
  informedDelay: { exempts: boolean; requiresNewDate: boolean; rule: string; clause: string };
  pause: { allowedKinds: PauseKindName[]; clause: string };
  delayIndemnity: DelayIndemnityFigures;
  /** null = indemnified as an activation delay (AMB-8). */
  relocationDelayIndemnity: DelayIndemnityFigures | null;
  regulatoryIndemnity: {
    dailyCentsPerService: number;
    ultraBroadbandDailyCentsPerService: number;
    businessMultiplier: number;
    automatic: boolean;
    creditAfterDays: number;
    rules: string[];
    clause: string;
  };
  applyRegulatoryFloor: Figure<boolean>;
  payout: {
    mode: 'AUTOMATIC' | 'ON_REQUEST' | 'AUTOMATIC_AFTER_WRITTEN_REPORT';
    writtenReportChannels: string[] | null;
    rules: string[];
    clause: string;
  };
}

export type MaintenanceChannelName =
  'web_area' | 'website' | 'sms' | 'email' | 'phone' | 'registered_letter';

/** `maintenance.notice.*` (MNT-1, MNT-2, AMB-10) and `indemnity.maintenanceNotice` (MNT-3). */
export interface MaintenanceFigures {
  notice: {
    /** Elapsed hours (CAL-6); hours null = no such minimum. */
    minIndemnified: {
      hours: number | null;
      counting: 'ELAPSED_HOURS';
      rule: string;
      clause: string;
    };
    /** Solar days (CAL-2); null = no contractual minimum. */
    minContractual: { days: number; counting: 'SOLAR_DAYS'; rule: string; clause: string } | null;
    /** value null = the most suitable means. */
    channel: { value: MaintenanceChannelName | null; clause: string };
    /** `maintenance.notice.unplannedFaults`; exempt null = the seed is silent. */
    unplannedFaults: { exempt: boolean | null; clause: string | null };
  };
  noticeIndemnity: {
    dailyCents: { residential: number; business: number };
    capDays: number | null;
    capCents: number | null;
    rules: string[];
    clause: string;
  };
}

/** `indemnity.directoryError` (IND-3, DIR-4) and EXT-IND-6 / EXT-IND-8. */
export interface DirectoryFigures {
  /** flatCents null = no contractual figure (then no rules and no clause). */
  errorIndemnity: {
    flatCents: { residential: number; business: number } | null;
    rules: string[];
    clause: string | null;
  };
  regulatoryReference: {
    centsPerYear: number;
    businessMultiplier: number;
    proration: 'STARTED_YEARS';
    rules: string[];
    clause: string;
  };
}

/** The indicators of QUA-2 (Delibere 254/04/CSP, 131/06/CSP), as the targets name them. */
export const QUALITY_INDICATORS = [
  'ACTIVATION_TIME_P95_DAYS',
  'ACTIVATION_TIME_P99_DAYS',
  'ACTIVATIONS_BY_AGREED_DATE_PCT',
  'FAULT_RATE_PCT_YEAR',
  'REPAIR_TIME_P80_HOURS',
  'REPAIR_TIME_P95_HOURS',
  'REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT',
  'CALL_CENTRE_WAIT_BEFORE_HUMAN_SECONDS',
  'CALL_CENTRE_HUMAN_ANSWER_SECONDS',
  'CALLS_ANSWERED_WITHIN_20S_PCT',
  'INVOICES_DISPUTED_PCT',
  'BILLING_ACCURACY_PCT',
  'CPS_PROVISIONING_P95_DAYS',
  'CPS_PROVISIONING_P99_DAYS',
  'CPS_FAULT_RATE_PCT_YEAR',
  'CPS_REPAIR_P80_HOURS',
  'CPS_REPAIR_P95_HOURS',
] as const;
export type QualityIndicatorName = (typeof QUALITY_INDICATORS)[number];

export const QUALITY_SERVICES = [
  'FIXED_VOICE',
  'INTERNET_ACCESS',
  'INTERNET_FIBRE',
  'INTERNET_ADSL',
] as const;
export type QualityService = (typeof QUALITY_SERVICES)[number];

/** One yearly target (QUA-2): the measured value must be AT_MOST or AT_LEAST `value`. */
export interface QualityTarget {
  indicator: QualityIndicatorName;
  service: QualityService;
  /** The AGCOM directive that defines the indicator, e.g. `254/04/CSP`. */
  directive: string;
  year: number;
  value: number;
  unit: 'HOURS' | 'DAYS' | 'PERCENT' | 'SECONDS';
  comparison: 'AT_MOST' | 'AT_LEAST';
  clause: string;
  /** An AMB item that says the figure is unusable as published (e.g. AMB-30); null otherwise. */
  flag: string | null;
}

/** `quality` (QUA-1, QUA-2, QUA-3): targets empty where the seed publishes none (PSA's annexes). */
export interface QualityFigures {
  publication: { periods: ('HALF_YEAR' | 'YEAR')[]; clause: string };
  targets: QualityTarget[];
}

/**
 * `invoice.*`, `latePayment.*`, `nonPayment.*` and `reactivation.fee` (RULES §4.6). `null` = the
 * seeds say nothing: the rule that needs the figure does not apply, and no value is invented. The
 * legal interest rate is not here: it is a dated parameter an administrator enters (AMB-23).
 */
export interface BillingFigures {
  /** `invoice.leadTime`: solar days between issue and due date, at least (BIL-1). */
  invoiceLeadTimeDays: number | null;
  latePayment: {
    /** `latePayment.model`: INTEREST needs `interest`, no `penalty`; PENALTY_BRACKETS `penalty`. */
    model: 'INTEREST' | 'PENALTY_BRACKETS';
    /** `latePayment.interest.*` (BIL-4, AMB-23); null where the operator charges none. */
    interest: InterestFigures | null;
    /** `latePayment.penalty.*` (BIL-7, BIL-8, BIL-9); null where the operator has none. */
    penalty: PenaltyFigures | null;
    /** `latePayment.suspendedWhileBillingComplaintPending` (BIL-10); null = the seed is silent. */
    suspendedWhileBillingComplaintPending: boolean | null;
  };
  /** `nonPayment.*`, `reactivation.fee` (BIL-5). */
  nonPayment: NonPaymentFigures;
}

/** BIL-4: annual interest at the legal rate (entered at run time, AMB-23) plus a spread. */
export interface InterestFigures {
  /** `latePayment.interest.startAfter`: solar days after the due date; accrual from the next. */
  startAfterDays: number;
  /** Added to the legal rate, in whole basis points: 3 percentage points = 300. */
  spreadBasisPoints: number;
  /** The divisor of the annual rate (BIL-4: `× days / 365`). */
  dayCountBasis: 365;
  clause: string;
}

/**
 * One penalty bracket: days are solar days after the due date (CAL-7), day 1 the day after it.
 * The brackets start at day 1 and follow one another without gaps; only the last is open-ended.
 */
export interface PenaltyBracketFigure {
  fromDay: number;
  /** Inclusive; null = no upper bound (the last bracket). */
  toDay: number | null;
  /** Of the late amount, in whole basis points: 2% = 200. */
  basisPoints: number;
}

/** `latePayment.penalty.*` (BIL-7, BIL-8, BIL-9). */
export interface PenaltyFigures {
  brackets: PenaltyBracketFigure[];
  /** BIL-8, AMB-25: no penalty up to `maxDaysLate` after enough regular payments; null = none. */
  grace: { regularPaymentsRequired: number; maxDaysLate: number; clause: string } | null;
  /** BIL-9: when an assessed penalty is billed; null = the seed is silent. */
  chargedOn: 'FIRST_USEFUL_INVOICE' | null;
  clause: string;
}

/** `nonPayment.*` and `reactivation.fee` (BIL-5); each null where the seeds set no such rule. */
export interface NonPaymentFigures {
  /** `nonPayment.suspension.after`: solar days after the due date; null = no such rule. */
  suspensionAfterDays: number | null;
  /** The customer must be told before the suspension (Fastweb: "after telling the customer"). */
  noticeRequired: boolean | null;
  /** `nonPayment.termination.after`: solar days after the suspension. */
  terminationAfterDays: number | null;
  /** `reactivation.fee` in cents, VAT included, for undisputed non-payment. */
  reactivationFeeCents: number | null;
  clause: string;
}
