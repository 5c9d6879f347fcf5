import { FoldedEvent } from '@sportello/decider';
import {
  BillingAssessment,
  ComplaintEvent,
  CustomerType,
  DisputedInvoice,
  OutageDetails,
} from './complaint.events';

export type ComplaintStatus = 'open' | 'answered' | 'withdrawn' | 'closed';

export type ComplaintState =
  | { status: 'none' }
  | {
      status: ComplaintStatus;
      complaintId: string;
      trackingCode: string;
      operator: string;
      policyVersion: string;
      subjectId: string;
      customerType: CustomerType;
      receivedAt: string;
      answerDueAt: string;
      acknowledged: boolean;
      complexityNoticeAt: string | null;
      deadlineMissed: boolean;
      answer: { outcome: 'upheld' | 'rejected'; answeredAt: string; late: boolean } | null;
      withdrawnAt: string | null;
      invoice: DisputedInvoice | null;
      billing: BillingAssessment | null;
      penaltySuspended: boolean;
      notes: number;
      outage: OutageDetails | null;
      /** CMP-9: the mandatory outage fields the customer has yet to give. */
      outageMissing: string[];
    };

export type FiledComplaint = Exclude<ComplaintState, { status: 'none' }>;

export const initialComplaintState = (): ComplaintState => ({ status: 'none' });

export function evolveComplaint(
  state: ComplaintState,
  event: FoldedEvent<ComplaintEvent>,
): ComplaintState {
  if (event.type === 'ComplaintFiled') {
    const d = event.data;
    return {
      status: 'open',
      complaintId: d.complaintId,
      trackingCode: d.trackingCode,
      operator: d.operator,
      policyVersion: d.policyVersion,
      subjectId: d.customer.subjectId,
      customerType: d.customer.customerType,
      receivedAt: d.receivedAt,
      answerDueAt: d.answerDueAt,
      acknowledged: false,
      complexityNoticeAt: null,
      deadlineMissed: false,
      answer: null,
      withdrawnAt: null,
      invoice: d.invoice,
      billing: d.billing,
      penaltySuspended: false,
      notes: 0,
      outage: d.outage ?? null,
      outageMissing: d.outageAssessment?.missingFields ?? [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return { ...state, acknowledged: true };
    case 'ComplaintCompletionRequested':
      return state;
    case 'OutageDetailsCompleted':
      return { ...state, outage: event.data.outage, outageMissing: event.data.missingFields };
    case 'ComplaintNoteAdded':
      return { ...state, notes: state.notes + 1 };
    case 'ComplaintComplexityNoticeSent':
      return {
        ...state,
        complexityNoticeAt: event.data.noticedAt,
        answerDueAt: event.data.answerDueAt,
      };
    case 'ComplaintAnswered':
      return {
        ...state,
        status: 'answered',
        answer: {
          outcome: event.data.outcome,
          answeredAt: event.data.answeredAt,
          late: event.data.late,
        },
      };
    case 'ComplaintAnswerDeadlineMissed':
      return { ...state, deadlineMissed: true };
    case 'ComplaintWithdrawn':
      return {
        ...state,
        status: 'withdrawn',
        withdrawnAt: event.data.withdrawnAt ?? event.metadata?.occurredAt ?? null,
      };
    case 'ComplaintClosed':
      return { ...state, status: 'closed' };
    case 'LatePaymentPenaltySuspended':
      return { ...state, penaltySuspended: true };
    case 'LatePaymentPenaltyReinstated':
      return { ...state, penaltySuspended: false };
    case 'RefundScheduled':
      return state;
    default:
      // Events other modules append to a complaint's stream (e.g. CustomerNotified) change
      // nothing the complaint's rules depend on.
      return state;
  }
}
