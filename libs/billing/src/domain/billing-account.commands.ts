import { CalendarDate } from '@sportello/sla';
import { BillingCustomer, DisputeOutcome, InvoiceLine } from './billing-account.events';
import { BillingPolicy } from './billing.policy';

/** Commands carry the policy version they are judged by, resolved by the application (CAL-9). */
export type OpenBillingAccount = {
  type: 'OpenBillingAccount';
  accountId: string;
  policy: BillingPolicy;
  customer: BillingCustomer;
};

export type IssueInvoice = {
  type: 'IssueInvoice';
  /** The version in force on the issue date. */
  policy: BillingPolicy;
  invoiceNumber: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  amountCents: number;
  lines: InvoiceLine[];
};

export type RecordPayment = {
  type: 'RecordPayment';
  /** The version the invoice pinned, with the legal rates known today. */
  policy: BillingPolicy;
  paymentId: string;
  invoiceNumber: string;
  paidOn: CalendarDate;
  amountCents: number;
};

/** Mirrors a billing complaint filed on one of the account's invoices. */
export type StartDisputeSuspension = {
  type: 'StartDisputeSuspension';
  policy: BillingPolicy;
  complaintId: string;
  invoiceNumber: string;
  disputedCents: number;
  filedOn: CalendarDate;
  /** The complaint's own verdict on BIL-10 (in the CMP-8 window and the policy suspends). */
  penaltySuspended: boolean;
};

/** Mirrors the outcome of that complaint. */
export type EndDisputeSuspension = {
  type: 'EndDisputeSuspension';
  policy: BillingPolicy;
  complaintId: string;
  outcome: DisputeOutcome;
  endedOn: CalendarDate;
  payBy: CalendarDate | null;
};

/** CMP-11: mirrors a refund an upheld complaint scheduled on the next invoice. */
export type ScheduleRefund = {
  type: 'ScheduleRefund';
  complaintId: string;
  invoiceNumber: string;
  amountCents: number;
};

/** A non-payment timer fired: check every invoice whose term has ended (BIL-5). */
export type CheckNonPayment = { type: 'CheckNonPayment' };

export type BillingAccountCommand =
  | OpenBillingAccount
  | IssueInvoice
  | RecordPayment
  | StartDisputeSuspension
  | EndDisputeSuspension
  | ScheduleRefund
  | CheckNonPayment;
