import {
  createTableOnce,
  Projection,
  RecordedEvent,
  createdThenTouched,
  rowFoldWriter,
} from '@sportello/eventstore';
import { ComplaintEvent } from '../domain/complaint.events';

/**
 * One row per complaint for lists, filters and the deadline reconciler. It holds no personal
 * data: names, contacts and texts are read from the (sealed) stream when a detail is shown, so
 * erasing a subject leaves nothing to scrub here.
 */
export const complaintsListProjection: Projection = {
  name: 'complaints_list',
  tables: ['complaints'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.complaints,
      `CREATE TABLE ${t.complaints} (
        complaint_id       uuid        PRIMARY KEY,
        tracking_code      text        NOT NULL UNIQUE,
        operator           text        NOT NULL,
        policy_version     text        NOT NULL,
        status             text        NOT NULL,
        channel            text        NOT NULL,
        category           text        NOT NULL,
        subject_id         text        NOT NULL,
        customer_type      text        NOT NULL,
        received_at        timestamptz NOT NULL,
        answer_due_at      timestamptz NOT NULL,
        answered_at        timestamptz,
        outcome            text,
        answered_late      boolean,
        deadline_missed    boolean     NOT NULL DEFAULT false,
        billing_in_window  boolean,
        penalty_suspended  boolean     NOT NULL DEFAULT false,
        billing_item       text,
        revision           integer     NOT NULL,
        filed_at           timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL
      )`,
      ['status, answer_due_at, complaint_id', 'operator, received_at', 'subject_id'],
    );
    // Added after the first release of this table: a store created before gets the column too.
    await db.query(`ALTER TABLE ${t.complaints} ADD COLUMN IF NOT EXISTS billing_item text`);
  },

  needsPersonalData: false,
  ...rowFoldWriter({
    table: 'complaints',
    key: { column: 'complaint_id', type: 'uuid' },
    keyOf: (recorded) =>
      COMPLAINT_EVENTS.has(recorded.type)
        ? (recorded.data as { complaintId: string }).complaintId
        : null,
    fold: (row, recorded) => foldComplaintRow(row, recorded as RecordedEvent & ComplaintEvent),
  }),
};

const COMPLAINT_EVENTS: ReadonlySet<string> = new Set<ComplaintEvent['type']>([
  'ComplaintFiled',
  'ComplaintComplexityNoticeSent',
  'ComplaintAnswered',
  'ComplaintAnswerDeadlineMissed',
  'ComplaintWithdrawn',
  'ComplaintClosed',
  'LatePaymentPenaltySuspended',
  'LatePaymentPenaltyReinstated',
  'ComplaintAcknowledged',
  'ComplaintNoteAdded',
  'RefundScheduled',
]);

/** The complaint's row after one of its events; a filing seen twice keeps the first. */
const foldComplaintRow = createdThenTouched<RecordedEvent & ComplaintEvent, 'ComplaintFiled'>({
  createdBy: 'ComplaintFiled',
  create: (event, at) => {
    const d = event.data;
    return {
      complaint_id: d.complaintId,
      tracking_code: d.trackingCode,
      operator: d.operator,
      policy_version: d.policyVersion,
      status: 'open',
      channel: d.channel,
      category: d.category,
      subject_id: d.customer.subjectId,
      customer_type: d.customer.customerType,
      received_at: d.receivedAt,
      answer_due_at: d.answerDueAt,
      answered_at: null,
      outcome: null,
      answered_late: null,
      deadline_missed: false,
      billing_in_window: d.billing ? d.billing.inWindow : null,
      penalty_suspended: false,
      billing_item: d.billingItem?.chargeId ?? null,
      revision: event.revision,
      filed_at: at,
      updated_at: at,
    };
  },
  touch: (touched, event) => {
    switch (event.type) {
      case 'ComplaintComplexityNoticeSent':
        return { ...touched, answer_due_at: event.data.answerDueAt };
      case 'ComplaintAnswered':
        return {
          ...touched,
          status: 'answered',
          answered_at: event.data.answeredAt,
          outcome: event.data.outcome,
          answered_late: event.data.late,
        };
      case 'ComplaintAnswerDeadlineMissed':
        return { ...touched, deadline_missed: true };
      case 'ComplaintWithdrawn':
        return { ...touched, status: 'withdrawn' };
      case 'ComplaintClosed':
        return { ...touched, status: 'closed' };
      case 'LatePaymentPenaltySuspended':
        return { ...touched, penalty_suspended: true };
      case 'LatePaymentPenaltyReinstated':
        return { ...touched, penalty_suspended: false };
      default:
        return touched;
    }
  },
});
