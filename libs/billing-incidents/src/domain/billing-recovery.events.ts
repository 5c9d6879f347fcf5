import { DomainEvent } from '@sportello/decider';
import type { CustomerNotified } from '@sportello/notifications/domain/customer-notified.event';
import { IncidentService } from './billing-incident.events';
import { BillingPeriod } from './billing-period';
import { MissedCharge, PrescribedCharge, RecoveryCharge } from './recovery-plan';

export const CUSTOMER_TYPES = ['residential', 'business'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** Who sends the NTF-10 notice: the system's outbox, or the operator outside the system. */
export const NOTICE_SENDERS = ['system', 'outside_system'] as const;
export type NoticeSender = (typeof NOTICE_SENDERS)[number];

/** The template the notification outbox sends for NTF-10, and recognises in `CustomerNotified`. */
export const BILLING_INCIDENT_NOTICE_TEMPLATE = 'billing-incident.notice';

/** The affected customer: a data subject. Every field but the ids and the type is sealed. */
export interface AffectedCustomer {
  subjectId: string;
  customerType: CustomerType;
  name: string;
  phone: string;
  lineId: string | null;
}

export type AffectedCustomerAdded = DomainEvent<
  'AffectedCustomerAdded',
  {
    recoveryId: string;
    incidentId: string;
    operator: string;
    policyVersion: string;
    customer: AffectedCustomer;
    service: IncidentService;
    /** The fees this customer was not charged, oldest first. */
    missed: MissedCharge[];
    arrearsCents: number;
    currency: 'EUR';
    noticeBy: NoticeSender;
  }
>;

/**
 * NTF-10: calls for the SMS telling the customer the cause, the resumption of regular charges and
 * the recovery schedule. Ids and figures only: the outbox finds the phone through `subjectId`.
 */
export type RecoveryNoticeRequested = DomainEvent<
  'RecoveryNoticeRequested',
  {
    recoveryId: string;
    incidentId: string;
    subjectId: string;
    template: typeof BILLING_INCIDENT_NOTICE_TEMPLATE;
    channel: 'sms';
    serviceName: string;
    cause: string;
    missedPeriods: BillingPeriod[];
    monthlyFeeCents: number;
    arrearsCents: number;
    currency: 'EUR';
    recoveryStepDays: number;
    firstRecovery: 'same_day_next_month';
  }
>;

/** NTF-10: a supervisor records an SMS the operator sent outside the system. */
export type RecoveryNoticeRecorded = DomainEvent<
  'RecoveryNoticeRecorded',
  {
    recoveryId: string;
    subjectId: string;
    channel: 'sms';
    sentAt: string;
    /** The SMS gateway's reference for the message: no phone number, no text. */
    smsReference: string;
  }
>;

/** BIL-15: from the month of the notice the monthly fee is charged normally again. */
export type RegularChargesResumed = DomainEvent<
  'RegularChargesResumed',
  {
    recoveryId: string;
    subjectId: string;
    from: BillingPeriod;
    monthlyFeeCents: number;
    currency: 'EUR';
  }
>;

/** BIL-15, AMB-28, EXT-BIL-3: the schedule, from the notice; each charge an addressable item. */
export type RecoveryPlanIssued = DomainEvent<
  'RecoveryPlanIssued',
  {
    recoveryId: string;
    incidentId: string;
    subjectId: string;
    notice: { source: NoticeSender; sentAt: string; reference: string | null };
    noticeOn: string;
    regularChargesResumeFrom: BillingPeriod;
    stepDays: number;
    arrearsCents: number;
    recoverableCents: number;
    currency: 'EUR';
    charges: RecoveryCharge[];
    prescribed: PrescribedCharge[];
    clause: string;
  }
>;

export type RecoveryChargeBilled = DomainEvent<
  'RecoveryChargeBilled',
  {
    recoveryId: string;
    subjectId: string;
    chargeId: string;
    recovers: BillingPeriod;
    amountCents: number;
    currency: 'EUR';
    invoiceNumber: string;
    billedOn: string;
  }
>;

export type BillingRecoverySettled = DomainEvent<
  'BillingRecoverySettled',
  {
    recoveryId: string;
    subjectId: string;
    recoveredCents: number;
    prescribedCents: number;
    currency: 'EUR';
    settledOn: string;
  }
>;

/** The events this library writes to a recovery stream. */
export type OwnBillingRecoveryEvent =
  | AffectedCustomerAdded
  | RecoveryNoticeRequested
  | RecoveryNoticeRecorded
  | RegularChargesResumed
  | RecoveryPlanIssued
  | RecoveryChargeBilled
  | BillingRecoverySettled;

/** What a recovery stream may hold: its own events and the outbox's `CustomerNotified`. */
export type BillingRecoveryEvent = OwnBillingRecoveryEvent | CustomerNotified;
export type OwnBillingRecoveryEventType = OwnBillingRecoveryEvent['type'];
