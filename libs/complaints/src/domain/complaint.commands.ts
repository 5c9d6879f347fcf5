import {
  ComplaintChannel,
  ComplaintCustomer,
  DisputedBillingItem,
  DisputedInvoice,
  OutageDetails,
} from './complaint.events';
import { ComplaintPolicy } from './complaint.policy';

export type FileComplaint = {
  type: 'FileComplaint';
  complaintId: string;
  trackingCode: string;
  /** The policy version in force at receipt, resolved by the application (CAL-9). */
  policy: ComplaintPolicy;
  customer: ComplaintCustomer;
  channel: ComplaintChannel;
  /** Required except for fax, where receipt follows from `sentAt` (CMP-4). */
  receivedAt: string | null;
  sentAt: string | null;
  category: string;
  description: string;
  invoice: Omit<DisputedInvoice, 'currency'> | null;
  /** CMP-9: the details of a complaint about a widespread outage, as far as given. */
  outage: OutageDetails | null;
  /** The charge disputed, when it is not an invoice of the operator's own (BIL-15). */
  billingItem?: DisputedBillingItem | null;
};

/** CMP-9: the customer supplies what the outage complaint lacked. */
export type CompleteOutageDetails = { type: 'CompleteOutageDetails'; outage: OutageDetails };

export type AcknowledgeComplaint = { type: 'AcknowledgeComplaint' };

export type AddComplaintNote = { type: 'AddComplaintNote'; noteId: string; text: string };

export type SendComplexityNotice = {
  type: 'SendComplexityNotice';
  /** Needed to know whether the policy allows it (PSA only, CMP-7). */
  policy: ComplaintPolicy;
  noticedAt: string;
  /** The answer date communicated to the customer (a calendar date). */
  answerDate: string;
  progress: string;
};

export type AnswerComplaint = {
  type: 'AnswerComplaint';
  outcome: 'upheld' | 'rejected';
  answeredAt: string;
  answerDocument: { reference: string; reasons: string[] } | null;
  measures: string[];
  refundCents: number | null;
  paymentDueOn: string | null;
};

export type RecordAnswerDeadlineMissed = {
  type: 'RecordAnswerDeadlineMissed';
  answerDueAt: string;
};

export type WithdrawComplaint = { type: 'WithdrawComplaint'; reason: string };

export type CloseComplaint = { type: 'CloseComplaint' };

export type ComplaintCommand =
  | FileComplaint
  | CompleteOutageDetails
  | AcknowledgeComplaint
  | AddComplaintNote
  | SendComplexityNotice
  | AnswerComplaint
  | RecordAnswerDeadlineMissed
  | WithdrawComplaint
  | CloseComplaint;
