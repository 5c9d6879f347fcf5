import { EventSchema } from '@sportello/eventstore';
import { ComplaintEventType } from './domain/complaint.events';

const customer = {
  subject: 'customer.subjectId',
  fields: [
    'customer.name',
    'customer.fiscalCode',
    'customer.vatNumber',
    'customer.phone',
    'customer.email',
    'customer.lineId',
    'description',
    'outage.holderName',
    'outage.phoneNumber',
    'outage.place',
  ],
};

/** Which fields of each complaint event are personal data: they are sealed before storage. */
export const complaintEventSchemas: Record<ComplaintEventType, EventSchema> = {
  ComplaintFiled: { type: 'ComplaintFiled', version: 1, personal: [customer] },
  ComplaintCompletionRequested: { type: 'ComplaintCompletionRequested', version: 1 },
  OutageDetailsCompleted: {
    type: 'OutageDetailsCompleted',
    version: 1,
    personal: [
      { subject: 'subjectId', fields: ['outage.holderName', 'outage.phoneNumber', 'outage.place'] },
    ],
  },
  ComplaintAcknowledged: { type: 'ComplaintAcknowledged', version: 1 },
  ComplaintNoteAdded: {
    type: 'ComplaintNoteAdded',
    version: 1,
    personal: [{ subject: 'subjectId', fields: ['text'] }],
  },
  ComplaintComplexityNoticeSent: {
    type: 'ComplaintComplexityNoticeSent',
    version: 1,
    personal: [{ subject: 'subjectId', fields: ['progress'] }],
  },
  ComplaintAnswered: {
    type: 'ComplaintAnswered',
    version: 1,
    personal: [{ subject: 'subjectId', fields: ['answerDocument', 'measures'] }],
  },
  ComplaintAnswerDeadlineMissed: { type: 'ComplaintAnswerDeadlineMissed', version: 1 },
  ComplaintWithdrawn: {
    type: 'ComplaintWithdrawn',
    version: 1,
    personal: [{ subject: 'subjectId', fields: ['reason'] }],
  },
  ComplaintClosed: { type: 'ComplaintClosed', version: 1 },
  LatePaymentPenaltySuspended: { type: 'LatePaymentPenaltySuspended', version: 1 },
  LatePaymentPenaltyReinstated: { type: 'LatePaymentPenaltyReinstated', version: 1 },
  RefundScheduled: { type: 'RefundScheduled', version: 1 },
};
