import { DomainEvent } from '@sportello/decider';
import { MaintenanceChannel } from './maintenance.policy';

export const CUSTOMER_TYPES = ['residential', 'business'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** `planned`: planned maintenance (MNT-1, MNT-2); `unplanned_fault`: a suspension caused by a
 * fault of the network or of the operator's equipment, which needs no notice. */
export type InterruptionKind = 'planned' | 'unplanned_fault';

/** An affected line and its customer: the line id is sealed under that customer's subject. */
export interface AffectedLine {
  lineId: string;
  subjectId: string;
  customerType: CustomerType;
}

/** MNT-4: the affected customers (their lines), or only how many lines are affected. */
export type AffectedScope =
  { kind: 'lines'; lines: AffectedLine[] } | { kind: 'count'; count: number };

export interface MaintenanceNotice {
  noticeId: string;
  publishedAt: string;
  channel: MaintenanceChannel;
}

/** MNT-4: compliance of the notice, evaluated at publication and again at the start. */
export interface NoticeCompliance {
  stage: 'registration' | 'publication' | 'reschedule' | 'start';
  /** PENDING: planned, no notice yet. CONTRACTUAL_BREACH: below the contractual minimum only
   * (supervisor flag). INDEMNIFIED_BREACH: below the indemnified minimum, or no notice at all. */
  status: 'NOT_REQUIRED' | 'PENDING' | 'COMPLIANT' | 'CONTRACTUAL_BREACH' | 'INDEMNIFIED_BREACH';
  /** The planned start, or the actual one at the start stage. */
  interruptionStart: string;
  noticeAt: string | null;
  /** Elapsed time from the notice to the interruption (CAL-6), never below 0. */
  noticeMs: number | null;
  noticeHours: number | null;
  /** Calendar days from the notice date to the start date, Europe/Rome (CAL-2). */
  noticeSolarDays: number | null;
  indemnified: { rule: string; clause: string; minHours: number; met: boolean | null } | null;
  contractual: { rule: string; clause: string; minDays: number; met: boolean | null } | null;
  channel: {
    used: MaintenanceChannel | null;
    expected: MaintenanceChannel | null;
    asPolicy: boolean | null;
    clause: string;
  };
  consequence: 'NONE' | 'SUPERVISOR_FLAG' | 'INDEMNITY';
  rules: string[];
  summary: string;
}

export type MaintenanceWindowRegistered = DomainEvent<
  'MaintenanceWindowRegistered',
  {
    windowId: string;
    reference: string;
    operator: string;
    policyVersion: string;
    kind: InterruptionKind;
    area: string | null;
    affected: AffectedScope;
    plannedStart: string;
    plannedEnd: string;
    description: string;
    registeredBy: string;
    notice: MaintenanceNotice | null;
    compliance: NoticeCompliance;
  }
>;

export type MaintenanceNoticePublished = DomainEvent<
  'MaintenanceNoticePublished',
  { windowId: string; notice: MaintenanceNotice; compliance: NoticeCompliance }
>;

export type MaintenanceWindowRescheduled = DomainEvent<
  'MaintenanceWindowRescheduled',
  {
    windowId: string;
    plannedStart: string;
    plannedEnd: string;
    previous: { plannedStart: string; plannedEnd: string };
    reason: string;
    compliance: NoticeCompliance;
  }
>;

export type MaintenanceStarted = DomainEvent<
  'MaintenanceStarted',
  { windowId: string; startedAt: string; compliance: NoticeCompliance }
>;

/** MNT-1, MNT-2, AMB-10: the final verdict at the start; every breach is flagged to supervisors,
 * and below the indemnified minimum the affected customers are indemnified (MNT-3). */
export type MaintenanceNoticeBreached = DomainEvent<
  'MaintenanceNoticeBreached',
  {
    windowId: string;
    contractualBreach: boolean;
    indemnifiedBreach: boolean;
    consequence: 'SUPERVISOR_FLAG' | 'INDEMNITY';
    flaggedToSupervisors: true;
    noticeHours: number | null;
    rules: string[];
    summary: string;
  }
>;

export type MaintenanceEnded = DomainEvent<
  'MaintenanceEnded',
  {
    windowId: string;
    startedAt: string;
    endedAt: string;
    interruptionMs: number;
    /** Europe/Rome calendar days the interruption touched (MNT-3). */
    daysTouched: string[];
  }
>;

/** IND-12 (MAINTENANCE_NOTICE), MNT-3, AMB-10: per affected customer, each calendar day touched by
 * the unannounced interruption (minimum 1) at the repair-delay rates and caps. */
export type MaintenanceNoticeIndemnityAssessed = DomainEvent<
  'MaintenanceNoticeIndemnityAssessed',
  {
    windowId: string;
    indemnityType: 'MAINTENANCE_NOTICE';
    policyVersion: string;
    rules: string[];
    clause: string;
    daysTouched: string[];
    days: number;
    daysPaid: number;
    capDays: number | null;
    capCents: number | null;
    /** The figure owed to one affected customer of each type. */
    perCustomer: Record<CustomerType, { dailyCents: number; amountCents: number }>;
    /** Listed lines: the amount owed on each; null when only a count is known. */
    lines: (AffectedLine & { amountCents: number })[] | null;
    affectedCount: number;
    totalCents: number | null;
    /** §6 has no regulator figure for a notice breach. */
    regulatoryReference: null;
    currency: 'EUR';
    summary: string;
  }
>;

export type MaintenanceWindowCancelled = DomainEvent<
  'MaintenanceWindowCancelled',
  { windowId: string; reason: string; cancelledAt: string; cancelledBy: string }
>;

export type MaintenanceEvent =
  | MaintenanceWindowRegistered
  | MaintenanceNoticePublished
  | MaintenanceWindowRescheduled
  | MaintenanceStarted
  | MaintenanceNoticeBreached
  | MaintenanceEnded
  | MaintenanceNoticeIndemnityAssessed
  | MaintenanceWindowCancelled;

export type MaintenanceEventType = MaintenanceEvent['type'];
