import { DomainEvent } from '@sportello/decider';
import { CountedDay, PauseInterval } from '@sportello/sla';
import { PauseKind, RepairTermKind } from './fault.policy';

export const FAULT_CHANNELS = [
  'phone',
  'registered_letter',
  'fax',
  'web_area',
  'email',
  'pec',
  'shop',
] as const;
export type FaultChannel = (typeof FAULT_CHANNELS)[number];

export const CUSTOMER_TYPES = ['residential', 'business'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** The customer: a data subject, the same shape as a complaint's. Every field but the ids and
 * the type is sealed in storage. */
export interface FaultCustomer {
  subjectId: string;
  customerType: CustomerType;
  name: string;
  fiscalCode?: string | null;
  vatNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  lineId?: string | null;
}

/** The term a fault is pinned to at report time (CAL-9): FLT-2 or FLT-6. */
export interface RepairTerm {
  kind: RepairTermKind;
  value: number;
  rule: string;
  clause: string;
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

/** STANDARD: the policy term. COMPLEX_UNDER_REVIEW: FASTWEB complex, the clock keeps running and
 * the indemnity waits for a supervisor (AMB-7). NO_FIXED_TERM: PSA complex (FLT-8).
 * EXCEPTIONAL_WIDESPREAD: PSA, IND-9 instead of the term (FLT-10). */
export type RepairRegime =
  'STANDARD' | 'COMPLEX_UNDER_REVIEW' | 'NO_FIXED_TERM' | 'EXCEPTIONAL_WIDESPREAD';

/** How the repair deadline was computed, so the read side can explain it. */
export interface RepairDeadline {
  /** FLT-2 (72 elapsed hours) or FLT-6 (4th non-holiday day); FLT-8/FLT-10 without a term. */
  rule: string;
  clause: string;
  termKind: RepairTermKind;
  term: number;
  unit: 'hours' | 'days';
  /** DUE: `dueAt` set; SUSPENDED: an open pause stopped the clock; NO_FIXED_TERM: FLT-8/10. */
  status: 'DUE' | 'SUSPENDED' | 'NO_FIXED_TERM';
  reportedAt: string;
  /** The Europe/Rome day of the report: day 0, never counted (CAL-3). */
  reportDate: string;
  dueAt: string | null;
  dueAtLocal: string | null;
  dueDate: string | null;
  /** The due instant with no pauses: a deadline never moves earlier than this (CAL-8). */
  unpausedDueAt: string;
  pausedMs: number;
  pausedDays: number;
  pausedSince: string | null;
  remaining: { value: number; unit: 'hours' | 'days' } | null;
  /** Every pause with its kind (reasons stay on the pause events); `mergedPauses` is what the
   * computation used. */
  pauses: Pick<RecordedPause, 'pauseId' | 'kind' | 'from' | 'to'>[];
  mergedPauses: PauseInterval[];
  /** Day-based terms: each day walked, counted or skipped and why. */
  days: CountedDay[];
  rules: string[];
  summary: string;
}

export interface ExceptionalFault {
  /** CAL-8: force majeure always carries its evidence. Calendar dates, Europe/Rome. */
  forceMajeure: { from: string; endedOn: string | null; evidenceRef: string };
  /** AMB-13: a resolution date communicated to customers; missing it starts IND-9 earlier. */
  announcedResolutionDate: string | null;
}

export type FaultReported = DomainEvent<
  'FaultReported',
  {
    faultId: string;
    /** The human-readable reference given to the customer. */
    reference: string;
    operator: string;
    policyVersion: string;
    customer: FaultCustomer;
    /** The line at fault (sealed). */
    lineId: string;
    service: string;
    channel: FaultChannel;
    description: string;
    /** FLT-1: the clock starts when the report is received, ISO instant. */
    reportedAt: string;
    term: RepairTerm;
    repairDueAt: string | null;
    repairDue: RepairDeadline;
  }
>;

/** AMB-6: the first remote intervention is recorded apart from the restoration. */
export type RemoteInterventionRecorded = DomainEvent<
  'RemoteInterventionRecorded',
  {
    faultId: string;
    subjectId: string;
    interventionId: string;
    performedAt: string;
    performedBy: string;
    outcome: 'resolved' | 'not_resolved';
    first: boolean;
    notes: string;
  }
>;

export type TechnicianVisitScheduled = DomainEvent<
  'TechnicianVisitScheduled',
  { faultId: string; subjectId: string; visitId: string; scheduledFor: string; scheduledBy: string }
>;

/** SUP-6: the technician's badge; FLT-5, SUP-5: no payment on site, costs go on the invoice. */
export type TechnicianVisitDone = DomainEvent<
  'TechnicianVisitDone',
  {
    faultId: string;
    subjectId: string;
    visitId: string;
    visitedAt: string;
    badgeId: string;
    outcome: 'resolved' | 'not_resolved';
    notes: string;
    interventionCost: {
      amountCents: number;
      currency: 'EUR';
      on: 'first_invoice_after_intervention';
    } | null;
  }
>;

/** CAL-8: a pause recorded after the deadline was missed counts only with this approval. */
export type LatePauseApproved = DomainEvent<
  'LatePauseApproved',
  {
    faultId: string;
    subjectId: string;
    pauseId: string;
    approvedBy: string;
    reason: string;
    /** The deadline that had been missed when the pause was recorded. */
    missedDueAt: string;
  }
>;

export type RepairClockPaused = DomainEvent<
  'RepairClockPaused',
  {
    faultId: string;
    subjectId: string;
    pause: RecordedPause;
    previousRepairDueAt: string | null;
    repairDueAt: string | null;
    repairDue: RepairDeadline;
  }
>;

export type RepairClockResumed = DomainEvent<
  'RepairClockResumed',
  {
    faultId: string;
    subjectId: string;
    pauseId: string;
    resumedAt: string;
    recordedBy: string;
    previousRepairDueAt: string | null;
    repairDueAt: string | null;
    repairDue: RepairDeadline;
  }
>;

export type FaultMarkedComplex = DomainEvent<
  'FaultMarkedComplex',
  {
    faultId: string;
    subjectId: string;
    complexity: 'COMPLEX' | 'EXCEPTIONAL_WIDESPREAD';
    reasons: string[];
    markedBy: string;
    regime: RepairRegime;
    rule: string;
    clause: string;
    /** AMB-7: the computed indemnity waits for a supervisor's review. */
    indemnityOnHold: boolean;
    /** NTF-7: the operator publishes the fault's status on its main channels. */
    statusPublicationRequired: boolean;
    exceptional: ExceptionalFault | null;
    previousRepairDueAt: string | null;
    repairDueAt: string | null;
    repairDue: RepairDeadline;
  }
>;

export type ExceptionalFaultUpdated = DomainEvent<
  'ExceptionalFaultUpdated',
  { faultId: string; subjectId: string; exceptional: ExceptionalFault }
>;

/** FLT-9: a mass-outage link changes no deadline. */
export type FaultLinkedToIncident = DomainEvent<
  'FaultLinkedToIncident',
  { faultId: string; subjectId: string; incidentId: string; repairDueAt: string | null }
>;

export type RepairDeadlineMissed = DomainEvent<
  'RepairDeadlineMissed',
  { faultId: string; subjectId: string; repairDueAt: string }
>;

export type ServiceRestored = DomainEvent<
  'ServiceRestored',
  {
    faultId: string;
    subjectId: string;
    restoredAt: string;
    regime: RepairRegime;
    repairDueAt: string | null;
    /** null where no fixed term applies (FLT-8, FLT-10). */
    onTime: boolean | null;
    /** CAL-7. */
    delay: {
      rule: 'CAL-7';
      basis: 'STARTED_24_HOUR_PERIODS' | 'CALENDAR_DAYS_AFTER_DUE_DATE';
      days: number;
      latenessMs: number;
    } | null;
    /** QUA-4: report to restoration, raw and net of CAL-8 pauses. */
    repairTime: { elapsedMs: number; netOfPausesMs: number };
  }
>;

/** IND-12: the final figure, recorded when the fault closes. */
export type RepairIndemnityAssessed = DomainEvent<
  'RepairIndemnityAssessed',
  {
    faultId: string;
    subjectId: string;
    indemnityType: 'REPAIR_DELAY' | 'EXCEPTIONAL_FAULT';
    rules: string[];
    clause: string;
    policyVersion: string;
    customerType: CustomerType;
    regime: RepairRegime;
    daysOfDelay: number;
    /** IND-9: the first day counted, or null when nothing counts. */
    countedFrom: string | null;
    daysPaid: number;
    dailyCents: number;
    capDays: number | null;
    capCents: number | null;
    amountCents: number;
    currency: 'EUR';
    /** none: nothing owed; due: to be credited; on_hold: a supervisor reviews it (AMB-7). */
    status: 'none' | 'due' | 'on_hold';
  }
>;

/** IND-2, AMB-11: beyond the day cap a supervisor assesses a supplementary indemnity. */
export type SupplementaryIndemnityAssessmentRequested = DomainEvent<
  'SupplementaryIndemnityAssessmentRequested',
  { faultId: string; subjectId: string; daysOfDelay: number; capDays: number }
>;

/** AMB-7: the supervisor approves or denies the indemnity held for a complex fault. */
export type ComplexFaultIndemnityReviewed = DomainEvent<
  'ComplexFaultIndemnityReviewed',
  {
    faultId: string;
    subjectId: string;
    decision: 'approved' | 'denied';
    reason: string;
    reviewedBy: string;
    amountCents: number;
  }
>;

export type FaultClosed = DomainEvent<
  'FaultClosed',
  {
    faultId: string;
    subjectId: string;
    /** out_of_scope: FLT-4 / FLT-7, no indemnity. */
    outcome: 'repaired' | 'out_of_scope';
    finding: string | null;
    closedAt: string;
  }
>;

export type FaultReopened = DomainEvent<
  'FaultReopened',
  {
    faultId: string;
    subjectId: string;
    reopenedAt: string;
    reason: string;
    /** The restoration that did not hold, and the indemnity assessed on it, are void. */
    previousRestoredAt: string | null;
    repairDueAt: string | null;
  }
>;

export type FaultEvent =
  | FaultReported
  | RemoteInterventionRecorded
  | TechnicianVisitScheduled
  | TechnicianVisitDone
  | LatePauseApproved
  | RepairClockPaused
  | RepairClockResumed
  | FaultMarkedComplex
  | ExceptionalFaultUpdated
  | FaultLinkedToIncident
  | RepairDeadlineMissed
  | ServiceRestored
  | RepairIndemnityAssessed
  | SupplementaryIndemnityAssessmentRequested
  | ComplexFaultIndemnityReviewed
  | FaultClosed
  | FaultReopened;

export type FaultEventType = FaultEvent['type'];
