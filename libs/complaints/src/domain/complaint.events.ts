import { DomainEvent } from '@sportello/decider';

export const COMPLAINT_CHANNELS = [
  'phone',
  'registered_letter',
  'fax',
  'web_area',
  'email',
  'pec',
  'shop',
] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const CUSTOMER_TYPES = ['residential', 'business'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** The complainant: a data subject. Every field but the ids and the type is sealed in storage. */
export interface ComplaintCustomer {
  subjectId: string;
  customerType: CustomerType;
  name: string;
  fiscalCode?: string | null;
  vatNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  lineId?: string | null;
}

export interface DisputedInvoice {
  number: string;
  /** Calendar dates (Europe/Rome). */
  issueDate: string;
  dueDate: string;
  /** CMP-8, AMB-4: proven late delivery moves the start of the filing window. */
  deliveredOn?: string | null;
  amountCents: number;
  disputedCents: number;
  currency: 'EUR';
}

/** A charge billed outside an invoice line the complaint names, e.g. a recovery charge after a
 * billing incident (BIL-15): open to complaint like any billing item. Ids and figures only. */
export interface DisputedBillingItem {
  kind: 'billing-recovery-charge';
  chargeId: string;
  recoveryId: string;
  incidentId: string;
  operator: string;
  /** The month the charge recovers, YYYY-MM. */
  recovers: string;
  label: string;
  amountCents: number;
  invoiceNumber: string | null;
}

export interface BillingAssessment {
  /** CMP-8: last day of the filing window, or null where the policy has none (AMB-5). */
  windowEndsOn: string | null;
  inWindow: boolean;
  /** BIL-10: the late-payment penalty on the disputed amount is suspended while pending. */
  suspendsLatePayment: boolean;
}

/** CMP-9: what a PSA complaint about a widespread radio-network outage must state. */
export interface OutageDetails {
  holderName: string | null;
  phoneNumber: string | null;
  disruptionType: string | null;
  /** The start of the disruption as the customer noticed it (a calendar date). */
  startedOn: string | null;
  place: { municipality: string | null; street: string | null; postcode: string | null } | null;
  /** The end of the outage, from which the filing window runs (a calendar date). */
  outageEndedOn: string | null;
}

export interface OutageAssessment {
  rule: 'CMP-9';
  /** The mandatory fields still missing: the customer is asked to complete them. */
  missingFields: string[];
  windowEndsOn: string | null;
  inWindow: boolean | null;
  /** CMP-9 asks for a registered letter; another channel is recorded, not refused. */
  registeredLetter: boolean;
  clause: string;
}

export type ComplaintFiled = DomainEvent<
  'ComplaintFiled',
  {
    complaintId: string;
    trackingCode: string;
    operator: string;
    policyVersion: string;
    customer: ComplaintCustomer;
    channel: ComplaintChannel;
    /** When the complaint counts as received (CMP-4), ISO instant. */
    receivedAt: string;
    /** Fax only: when it was sent; receipt is the next working day (CMP-4, CAL-4). */
    sentAt: string | null;
    category: string;
    description: string;
    invoice: DisputedInvoice | null;
    billing: BillingAssessment | null;
    /** Absent on events recorded before CMP-9 was handled. */
    outage?: OutageDetails | null;
    billingItem?: DisputedBillingItem | null;
    outageAssessment?: OutageAssessment | null;
    answerDueAt: string;
    /** How the deadline was computed, so an operator can explain it (CAL-2). */
    answerDue: { rule: string; clause: string; termDays: number; dueDate: string; summary: string };
  }
>;

/** CMP-9: the complaint is registered, and the customer is asked for the missing fields. */
export type ComplaintCompletionRequested = DomainEvent<
  'ComplaintCompletionRequested',
  { complaintId: string; subjectId: string; rule: 'CMP-9'; missingFields: string[] }
>;

export type OutageDetailsCompleted = DomainEvent<
  'OutageDetailsCompleted',
  { complaintId: string; subjectId: string; outage: OutageDetails; missingFields: string[] }
>;

export type ComplaintAcknowledged = DomainEvent<'ComplaintAcknowledged', { complaintId: string }>;

export type ComplaintNoteAdded = DomainEvent<
  'ComplaintNoteAdded',
  { complaintId: string; noteId: string; subjectId: string; text: string }
>;

/** CMP-7, AMB-3: recorded in time, the communicated date becomes the deadline. */
export type ComplaintComplexityNoticeSent = DomainEvent<
  'ComplaintComplexityNoticeSent',
  {
    complaintId: string;
    subjectId: string;
    noticedAt: string;
    progress: string;
    previousAnswerDueAt: string;
    answerDueAt: string;
  }
>;

export type ComplaintAnswered = DomainEvent<
  'ComplaintAnswered',
  {
    complaintId: string;
    subjectId: string;
    outcome: 'upheld' | 'rejected';
    /** When the written answer was sent (business time). */
    answeredAt: string;
    answerDocument: { reference: string; reasons: string[] } | null;
    measures: string[];
    refundCents: number | null;
    /** BIL-10: on a rejected billing complaint, the date by which the contested sum is due. */
    paymentDueOn: string | null;
    answerDueAt: string;
    late: boolean;
  }
>;

export type ComplaintAnswerDeadlineMissed = DomainEvent<
  'ComplaintAnswerDeadlineMissed',
  { complaintId: string; answerDueAt: string }
>;

export type ComplaintWithdrawn = DomainEvent<
  'ComplaintWithdrawn',
  {
    complaintId: string;
    subjectId: string;
    reason: string;
    /** Absent on events recorded before it was added: the envelope's occurredAt stands in. */
    withdrawnAt?: string;
  }
>;

export type ComplaintClosed = DomainEvent<'ComplaintClosed', { complaintId: string }>;

/** BIL-10: while an in-window billing complaint is pending, no penalty on the disputed amount. */
export type LatePaymentPenaltySuspended = DomainEvent<
  'LatePaymentPenaltySuspended',
  { complaintId: string; invoiceNumber: string; disputedCents: number; originalDueDate: string }
>;

/** BIL-10: rejected → the penalty is due again, counted from the original due date. */
export type LatePaymentPenaltyReinstated = DomainEvent<
  'LatePaymentPenaltyReinstated',
  {
    complaintId: string;
    invoiceNumber: string;
    disputedCents: number;
    countedFrom: string;
    payBy: string | null;
  }
>;

/** CMP-11: upheld → sums already paid are offset on the next invoice. */
export type RefundScheduled = DomainEvent<
  'RefundScheduled',
  { complaintId: string; amountCents: number; currency: 'EUR'; on: 'next_invoice' }
>;

export type ComplaintEvent =
  | ComplaintFiled
  | ComplaintCompletionRequested
  | OutageDetailsCompleted
  | ComplaintAcknowledged
  | ComplaintNoteAdded
  | ComplaintComplexityNoticeSent
  | ComplaintAnswered
  | ComplaintAnswerDeadlineMissed
  | ComplaintWithdrawn
  | ComplaintClosed
  | LatePaymentPenaltySuspended
  | LatePaymentPenaltyReinstated
  | RefundScheduled;

export type ComplaintEventType = ComplaintEvent['type'];
