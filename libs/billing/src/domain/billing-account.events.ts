import { DomainEvent } from '@sportello/decider';
import { CalendarDate } from '@sportello/sla';
import { CustomerType } from '@sportello/complaints/domain/complaint.events';
import { InterestSegment, PenaltyBasis } from './late-payment';

/** The account holder: a data subject. Every field but the ids and the type is sealed in storage. */
export interface BillingCustomer {
  subjectId: string;
  customerType: CustomerType;
  name: string;
  fiscalCode?: string | null;
  vatNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  /** The line or contract the account bills. */
  lineId?: string | null;
}

export interface InvoiceLine {
  description: string;
  amountCents: number;
}

export type DisputeOutcome = 'upheld' | 'rejected' | 'withdrawn';

/** How a payment was applied: the undisputed balance first, then each pending complaint's sum. */
export interface PaymentAllocation {
  undisputedCents: number;
  disputes: { complaintId: string; cents: number; latePaymentSuspended: boolean }[];
}

export type BillingAccountOpened = DomainEvent<
  'BillingAccountOpened',
  {
    accountId: string;
    operator: string;
    policyVersion: string;
    customer: BillingCustomer;
    openedAt: string;
  }
>;

export type InvoiceIssued = DomainEvent<
  'InvoiceIssued',
  {
    accountId: string;
    invoiceNumber: string;
    issueDate: CalendarDate;
    dueDate: CalendarDate;
    amountCents: number;
    currency: 'EUR';
    lines: InvoiceLine[];
    /** The policy version in force on the issue date; the invoice is judged by it (CAL-9). */
    policyVersion: string;
    /** BIL-1: solar days between issue and due date, and whether the policy's minimum was met. */
    leadTimeDays: number;
    leadTimeMet: boolean | null;
    /** BIL-5: when the non-payment term ends (start of day 16), where the policy has one. */
    nonPaymentCheckAt: string | null;
  }
>;

export type PaymentRecorded = DomainEvent<
  'PaymentRecorded',
  {
    accountId: string;
    paymentId: string;
    invoiceNumber: string;
    paidOn: CalendarDate;
    amountCents: number;
    currency: 'EUR';
    /** CAL-7: solar days after the due date (0 = on time). */
    daysLate: number;
    allocation: PaymentAllocation;
  }
>;

/** BIL-10 (PSA), BIL-3 and EXT-BIL-1 (Fastweb): a billing complaint on the invoice is pending. */
export type DisputeSuspensionStarted = DomainEvent<
  'DisputeSuspensionStarted',
  {
    accountId: string;
    complaintId: string;
    invoiceNumber: string;
    disputedCents: number;
    filedOn: CalendarDate;
    /** Late-payment consequences on the disputed sum wait for the outcome. */
    latePaymentSuspended: boolean;
  }
>;

export type DisputeSuspensionEnded = DomainEvent<
  'DisputeSuspensionEnded',
  {
    accountId: string;
    complaintId: string;
    invoiceNumber: string;
    outcome: DisputeOutcome;
    endedOn: CalendarDate;
    /** BIL-10: a rejection counts lateness from the due date printed on the invoice. */
    countedFrom: CalendarDate;
    /** BIL-10: the date in the outcome letter by which the contested sum is due. */
    payBy: CalendarDate | null;
    /** Upheld: the contested sum still unpaid is no longer owed. */
    waivedCents: number;
    nonPaymentCheckAt: string | null;
  }
>;

export type LatePaymentPenaltyAssessed = DomainEvent<
  'LatePaymentPenaltyAssessed',
  {
    accountId: string;
    penaltyId: string;
    invoiceNumber: string;
    paymentId: string;
    /** Set when the amount was paid while this complaint suspended the penalty (BIL-10). */
    complaintId: string | null;
    countedFrom: CalendarDate;
    paidOn: CalendarDate;
    daysLate: number;
    baseCents: number;
    basis: PenaltyBasis;
    amountCents: number;
    currency: 'EUR';
    /** BIL-9. */
    chargeOn: 'FIRST_USEFUL_INVOICE' | null;
  }
>;

export type LatePaymentPenaltyCharged = DomainEvent<
  'LatePaymentPenaltyCharged',
  {
    accountId: string;
    penaltyId: string;
    invoiceNumber: string;
    chargedOnInvoice: string;
    amountCents: number;
    currency: 'EUR';
  }
>;

export type LateInterestAssessed = DomainEvent<
  'LateInterestAssessed',
  {
    accountId: string;
    interestId: string;
    invoiceNumber: string;
    paymentId: string;
    complaintId: string | null;
    countedFrom: CalendarDate;
    paidOn: CalendarDate;
    daysLate: number;
    baseCents: number;
    accrualFrom: CalendarDate;
    accrualTo: CalendarDate;
    accrualDays: number;
    segments: InterestSegment[];
    amountCents: number;
    currency: 'EUR';
  }
>;

/** BIL-4: interest is due but no legal rate was entered for a day of the accrual period. */
export type LateInterestRateMissing = DomainEvent<
  'LateInterestRateMissing',
  {
    accountId: string;
    invoiceNumber: string;
    paymentId: string;
    complaintId: string | null;
    countedFrom: CalendarDate;
    paidOn: CalendarDate;
    baseCents: number;
    accrualFrom: CalendarDate;
    accrualTo: CalendarDate;
    missingFrom: CalendarDate;
  }
>;

/** CMP-11: an upheld billing complaint's refund, waiting for the next invoice. */
export type RefundDue = DomainEvent<
  'RefundDue',
  {
    accountId: string;
    complaintId: string;
    invoiceNumber: string;
    amountCents: number;
    currency: 'EUR';
  }
>;

export type RefundCredited = DomainEvent<
  'RefundCredited',
  {
    accountId: string;
    complaintId: string;
    invoiceNumber: string;
    creditedOnInvoice: string;
    amountCents: number;
    currency: 'EUR';
  }
>;

/** BIL-5: the 15-day term passed with undisputed amounts unpaid; the customer must be told. */
export type NonPaymentNoticeDue = DomainEvent<
  'NonPaymentNoticeDue',
  {
    accountId: string;
    invoiceNumber: string;
    dueDate: CalendarDate;
    termEndedAt: string;
    unpaidCents: number;
    disputedExcludedCents: number;
  }
>;

/** EXT-BIL-1: only contested sums under a pending complaint are unpaid: no notice, no suspension. */
export type NonPaymentNoticeWithheld = DomainEvent<
  'NonPaymentNoticeWithheld',
  {
    accountId: string;
    invoiceNumber: string;
    dueDate: CalendarDate;
    termEndedAt: string;
    disputedExcludedCents: number;
  }
>;

export type BillingAccountEvent =
  | BillingAccountOpened
  | InvoiceIssued
  | PaymentRecorded
  | DisputeSuspensionStarted
  | DisputeSuspensionEnded
  | LatePaymentPenaltyAssessed
  | LatePaymentPenaltyCharged
  | LateInterestAssessed
  | LateInterestRateMissing
  | RefundDue
  | RefundCredited
  | NonPaymentNoticeDue
  | NonPaymentNoticeWithheld;

export type BillingAccountEventType = BillingAccountEvent['type'];
