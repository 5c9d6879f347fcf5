import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
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

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    const event = recorded as unknown as RecordedEvent & ComplaintEvent;
    const at = recorded.metadata.recordedAt;
    const touch = (set: string, values: unknown[]) =>
      db.query(
        `UPDATE ${t.complaints} SET ${set}, revision = $2, updated_at = $3 WHERE complaint_id = $1`,
        [event.data.complaintId, recorded.revision, at, ...values],
      );
    switch (event.type) {
      case 'ComplaintFiled': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${t.complaints} (complaint_id, tracking_code, operator, policy_version, status, channel, category, subject_id,
             customer_type, received_at, answer_due_at, billing_in_window, revision, filed_at, updated_at, billing_item)
           VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)
           ON CONFLICT (complaint_id) DO NOTHING`,
          [
            d.complaintId,
            d.trackingCode,
            d.operator,
            d.policyVersion,
            d.channel,
            d.category,
            d.customer.subjectId,
            d.customer.customerType,
            d.receivedAt,
            d.answerDueAt,
            d.billing ? d.billing.inWindow : null,
            recorded.revision,
            at,
            d.billingItem?.chargeId ?? null,
          ],
        );
        return;
      }
      case 'ComplaintComplexityNoticeSent':
        await touch('answer_due_at = $4', [event.data.answerDueAt]);
        return;
      case 'ComplaintAnswered':
        await touch(`status = 'answered', answered_at = $4, outcome = $5, answered_late = $6`, [
          event.data.answeredAt,
          event.data.outcome,
          event.data.late,
        ]);
        return;
      case 'ComplaintAnswerDeadlineMissed':
        await touch('deadline_missed = true', []);
        return;
      case 'ComplaintWithdrawn':
        await touch(`status = 'withdrawn'`, []);
        return;
      case 'ComplaintClosed':
        await touch(`status = 'closed'`, []);
        return;
      case 'LatePaymentPenaltySuspended':
        await touch('penalty_suspended = true', []);
        return;
      case 'LatePaymentPenaltyReinstated':
        await touch('penalty_suspended = false', []);
        return;
      case 'ComplaintAcknowledged':
      case 'ComplaintNoteAdded':
      case 'RefundScheduled':
        await touch('status = status', []);
        return;
      default:
        return;
    }
  },
};
