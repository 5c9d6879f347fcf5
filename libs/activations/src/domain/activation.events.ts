import { DomainEvent } from '@sportello/decider';
import { Delay, PauseInterval } from '@sportello/sla';
import { PauseKind, PayoutMode, TermStartEvent } from './activation.policy';

export const REQUEST_CHANNELS = [
  'phone',
  'registered_letter',
  'fax',
  'web_area',
  'email',
  'pec',
  'shop',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** NTF-3: Fastweb may inform through MyFASTPage (web_area), SMS or e-mail. */
export const NOTICE_CHANNELS = [
  'web_area',
  'sms',
  'email',
  'phone',
  'registered_letter',
  'pec',
] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const CUSTOMER_TYPES = ['residential', 'business'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** The customer: a data subject, the same shape as a complaint's. Every field but the ids and
 * the type is sealed in storage. */
export interface ActivationCustomer {
  subjectId: string;
  customerType: CustomerType;
  name: string;
  fiscalCode?: string | null;
  vatNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  lineId?: string | null;
}

export const REQUEST_KINDS = ['activation', 'relocation'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Each non-accessory service delayed earns the regulator's daily figure (EXT-IND-2);
 * `ultra_broadband` is internet access on ultra-broadband (+1/3, EXT-IND-8). */
export const ACTIVATION_SERVICES = ['voice', 'broadband', 'ultra_broadband'] as const;
export type ActivationService = (typeof ACTIVATION_SERVICES)[number];

/** ACT-9, AMB-9: direct or indirect access; null when not stated. */
export type AccessKind = 'direct' | 'indirect';

/** Which term applies (ACT-1, ACT-9, AMB-9; relocation ACT-7, ACT-9, AMB-8). */
export type TermCategory =
  | 'STANDARD'
  | 'INDIRECT_BROADBAND'
  | 'RELOCATION'
  /** Fastweb: the term stated in the relocation form, recorded on the request (AMB-8). */
  | 'RELOCATION_FORM';

/** The term a request is pinned to when received (CAL-9). */
export interface ActivationTerm {
  requestKind: RequestKind;
  category: TermCategory;
  startsAt: TermStartEvent;
  /** Solar days after the day of the start (CAL-2). */
  days: number;
  rule: string;
  clause: string;
  /** ACT-2, AMB-8: the earlier of `days` and (positive check + these days) wins. */
  afterPositiveCheck: { days: number; rule: string; clause: string } | null;
  /** ACT-2: the checks are due this many solar days after the start (no indemnity). */
  technicalCheck: { days: number; rule: string; clause: string } | null;
  /** ACT-3, ACT-10, IND-5: whether a delay announced in time moves the deadline. */
  informedDelay: {
    exempts: boolean;
    rule: string;
    clause: string;
    /** The indemnity rule the exemption concerns: IND-5 (PSA) or IND-1 (Fastweb). */
    indemnityRule: string;
  };
  /** The rules that chose this term, e.g. ACT-9 and AMB-9 for a PSA request. */
  rules: string[];
}

/** A CAL-8 pause as recorded; `to: null` while the clock stands still. */
export interface RecordedPause {
  pauseId: string;
  kind: PauseKind;
  reason: string;
  evidenceRef: string | null;
  from: string;
  to: string | null;
  recordedBy: string;
}

/** One term considered for the deadline, with how it was counted. */
export interface DeadlineCandidate {
  /** REQUEST_TERM: ACT-1 / ACT-9 / relocation; AFTER_POSITIVE_CHECK: ACT-2; ANNOUNCED_DATE: ACT-10. */
  basis: 'REQUEST_TERM' | 'AFTER_POSITIVE_CHECK' | 'ANNOUNCED_DATE';
  rule: string;
  clause: string;
  /** The start (ISO UTC instant) or, for an announced date, that date. */
  from: string;
  days: number | null;
  status: 'DUE' | 'SUSPENDED';
  dueDate: string | null;
  dueAt: string | null;
  dueAtLocal: string | null;
  /** CAL-8: days paused whole that were skipped. */
  pausedDays: number;
  pausedSince: string | null;
  summary: string;
}

/** How the activation deadline was computed, so an operator can explain it. */
export interface ActivationDeadline {
  /** DUE: `dueAt` set; SUSPENDED: an open pause stopped the clock; NONE: negative technical check
   * (AMB-8), no activation is owed. */
  status: 'DUE' | 'SUSPENDED' | 'NONE';
  requestKind: RequestKind;
  category: TermCategory;
  receivedAt: string;
  /** The Europe/Rome day of the start: day 0, never counted (CAL-2). */
  receivedDate: string;
  candidates: DeadlineCandidate[];
  chosen: DeadlineCandidate['basis'] | null;
  dueAt: string | null;
  dueAtLocal: string | null;
  dueDate: string | null;
  /** The deadline with no pauses and no announced date. */
  unpausedDueAt: string | null;
  pausedSince: string | null;
  pauses: Pick<RecordedPause, 'pauseId' | 'kind' | 'from' | 'to'>[];
  mergedPauses: PauseInterval[];
  /** ACT-2: when the technical checks are due (informational: no indemnity attaches). */
  technicalCheckDue: { rule: string; clause: string; dueDate: string; dueAt: string } | null;
  rules: string[];
  summary: string;
}

export type ActivationRequested = DomainEvent<
  'ActivationRequested',
  {
    activationId: string;
    /** The reference given to the customer. */
    reference: string;
    operator: string;
    policyVersion: string;
    customer: ActivationCustomer;
    requestKind: RequestKind;
    services: ActivationService[];
    access: AccessKind | null;
    /** The existing line (relocation) or the line to activate, if known (sealed). */
    lineId: string | null;
    /** The installation address, the new one for a relocation (sealed). */
    address: string | null;
    channel: RequestChannel;
    /** The proposal received (Fastweb) or the request completed (PSA), ISO instant. */
    receivedAt: string;
    term: ActivationTerm;
    activationDueAt: string | null;
    activationDue: ActivationDeadline;
  }
>;

export type TechnicalCheckRecorded = DomainEvent<
  'TechnicalCheckRecorded',
  {
    activationId: string;
    subjectId: string;
    outcome: 'positive' | 'negative';
    checkedAt: string;
    /** Required for a negative outcome, communicated promptly to the customer (ACT-7). */
    reason: string | null;
    recordedBy: string;
    /** ACT-2: the checks' own term, and whether it was met; null where the policy sets none. */
    checkDueAt: string | null;
    checkOnTime: boolean | null;
    /** Negative: the customer must be told why (ACT-7, AMB-8). */
    customerToBeInformed: boolean;
    previousActivationDueAt: string | null;
    activationDueAt: string | null;
    activationDue: ActivationDeadline;
  }
>;

/** CAL-8: a pause recorded after the deadline was missed counts only with this approval. */
export type ActivationLatePauseApproved = DomainEvent<
  'ActivationLatePauseApproved',
  {
    activationId: string;
    subjectId: string;
    pauseId: string;
    approvedBy: string;
    reason: string;
    missedDueAt: string;
  }
>;

export type ActivationClockPaused = DomainEvent<
  'ActivationClockPaused',
  {
    activationId: string;
    subjectId: string;
    pause: RecordedPause;
    previousActivationDueAt: string | null;
    activationDueAt: string | null;
    activationDue: ActivationDeadline;
  }
>;

export type ActivationClockResumed = DomainEvent<
  'ActivationClockResumed',
  {
    activationId: string;
    subjectId: string;
    pauseId: string;
    resumedAt: string;
    recordedBy: string;
    previousActivationDueAt: string | null;
    activationDueAt: string | null;
    activationDue: ActivationDeadline;
  }
>;

/** ACT-3, ACT-10, NTF-3: the customer is told of a delay, its reasons and (where given) the new
 * date; under `informedDelayExempts` a date announced in time becomes the deadline (IND-5). */
export type ActivationDelayNotified = DomainEvent<
  'ActivationDelayNotified',
  {
    activationId: string;
    subjectId: string;
    noticeId: string;
    informedAt: string;
    channel: NoticeChannel;
    reason: string;
    newActivationDate: string | null;
    agreedWithCustomer: boolean;
    rules: string[];
    /** IND-5: no indemnity up to the announced date; IND-1: the indemnity still runs. */
    exemption: {
      rule: string;
      applies: boolean;
      because: string;
    };
    previousActivationDueAt: string | null;
    activationDueAt: string | null;
    activationDue: ActivationDeadline;
  }
>;

export type ActivationDeadlineMissed = DomainEvent<
  'ActivationDeadlineMissed',
  { activationId: string; subjectId: string; activationDueAt: string }
>;

export type ServiceActivated = DomainEvent<
  'ServiceActivated',
  {
    activationId: string;
    subjectId: string;
    requestKind: RequestKind;
    activatedAt: string;
    activationDueAt: string;
    dueDate: string;
    onTime: boolean;
    /** CAL-7: calendar days after the due date through the activation day. */
    delay: Delay;
  }
>;

/** IND-12: the indemnity of a late activation, contractual and regulatory side by side. */
export type ActivationIndemnityAssessed = DomainEvent<
  'ActivationIndemnityAssessed',
  {
    activationId: string;
    subjectId: string;
    indemnityType: 'ACTIVATION_DELAY';
    requestKind: RequestKind;
    policyVersion: string;
    customerType: CustomerType;
    dueDate: string;
    activatedOn: string;
    daysOfDelay: number;
    /** ACT-10, IND-5: the announced date that replaced the term, if any. */
    announcedDate: string | null;
    contractual: {
      rules: string[];
      clause: string;
      dailyCents: number;
      capDays: number | null;
      capCents: number | null;
      daysPaid: number;
      /** days of delay × daily, before any cap. */
      uncappedCents: number;
      amountCents: number;
    };
    /** EXT-IND-2 (EXT-IND-8): the access counts as one non-accessory service; no cap stated. */
    regulatory: {
      rules: string[];
      clause: string;
      /** EXT-IND-8: internet access on ultra-broadband, +1/3. */
      ultraBroadband: boolean;
      dailyCents: number;
      businessMultiplier: number;
      amountCents: number;
    };
    /** What is credited: AMB-17 floor, or the contractual figure. */
    credit: {
      basis: 'contract' | 'regulator';
      amountCents: number;
      applyRegulatoryFloor: boolean;
      payout: PayoutMode;
      automatic: boolean;
      awaits: 'nothing' | 'written_report' | 'customer_request';
      /** EXT-IND-1: on the first invoice issued after this date; null until the claim arrives. */
      onFirstInvoiceIssuedAfter: string | null;
      rules: string[];
    };
    currency: 'EUR';
    /** none: nothing owed; due: to be credited; awaiting_claim: IND-4 / IND-7. */
    status: 'none' | 'due' | 'awaiting_claim';
    rules: string[];
    summary: string;
  }
>;

/** IND-2, AMB-11: beyond the day cap a supervisor assesses a supplementary indemnity. */
export type ActivationSupplementaryIndemnityAssessmentRequested = DomainEvent<
  'ActivationSupplementaryIndemnityAssessmentRequested',
  { activationId: string; subjectId: string; daysOfDelay: number; capDays: number }
>;

/** IND-4 (on request) or IND-7 (written report): the claim that releases the payout. */
export type IndemnityClaimRecorded = DomainEvent<
  'IndemnityClaimRecorded',
  {
    activationId: string;
    subjectId: string;
    claimedAt: string;
    channel: RequestChannel;
    rule: 'IND-4' | 'IND-7';
    amountCents: number;
    onFirstInvoiceIssuedAfter: string;
  }
>;

/** ACT-4: the customer revokes the proposal before conclusion; ACT-5: the operator refuses it. */
export type ActivationRequestCancelled = DomainEvent<
  'ActivationRequestCancelled',
  {
    activationId: string;
    subjectId: string;
    reason: 'revoked_by_customer' | 'refused_by_operator';
    rule: 'ACT-4' | 'ACT-5';
    note: string;
    cancelledAt: string;
    cancelledBy: string;
  }
>;

export type ActivationEvent =
  | ActivationRequested
  | TechnicalCheckRecorded
  | ActivationLatePauseApproved
  | ActivationClockPaused
  | ActivationClockResumed
  | ActivationDelayNotified
  | ActivationDeadlineMissed
  | ServiceActivated
  | ActivationIndemnityAssessed
  | ActivationSupplementaryIndemnityAssessmentRequested
  | IndemnityClaimRecorded
  | ActivationRequestCancelled;

export type ActivationEventType = ActivationEvent['type'];
