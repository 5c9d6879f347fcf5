import { createTableOnce, Projection, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { ActivationEvent } from '../domain/activation.events';

/**
 * One row per activation or relocation request, for lists, dashboards and the deadline
 * reconciler. No personal data: the customer, the line, the address and every free text stay in
 * the (sealed) stream, read only when a detail is shown, so an erasure leaves nothing here.
 */
export const activationsListProjection: Projection = {
  name: 'activations_list',
  tables: ['activations'],

  async createTables(db, t) {
    await createTableOnce(
      db,
      t.activations,
      `CREATE TABLE ${t.activations} (
        activation_id      uuid        PRIMARY KEY,
        reference          text        NOT NULL UNIQUE,
        operator           text        NOT NULL,
        policy_version     text        NOT NULL,
        status             text        NOT NULL,
        request_kind       text        NOT NULL,
        services           text[]      NOT NULL,
        access             text,
        channel            text        NOT NULL,
        subject_id         text        NOT NULL,
        customer_type      text        NOT NULL,
        received_at        timestamptz NOT NULL,
        term_category      text        NOT NULL,
        activation_due_at  timestamptz,
        due_date           text,
        due_status         text        NOT NULL,
        missed_due_at      timestamptz,
        technical_check    text,
        checked_at         timestamptz,
        paused             boolean     NOT NULL DEFAULT false,
        paused_since       timestamptz,
        pause_count        integer     NOT NULL DEFAULT 0,
        notice_count       integer     NOT NULL DEFAULT 0,
        announced_date     text,
        activated_at       timestamptz,
        on_time            boolean,
        delay_days         integer,
        indemnity_status   text,
        indemnity_basis    text,
        indemnity_cents    integer,
        cancel_reason      text,
        revision           integer     NOT NULL,
        created_at         timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL
      )`,
      [
        'status, activation_due_at, activation_id',
        'operator, received_at',
        'subject_id',
        'paused, status',
      ],
    );
  },

  async apply(db: SqlExecutor, recorded: RecordedEvent, t) {
    if (!recorded.stream.startsWith('activation-')) return;
    const event = recorded as unknown as RecordedEvent & ActivationEvent;
    const at = recorded.metadata.recordedAt;
    const touch = (set: string, values: unknown[] = []) =>
      db.query(
        `UPDATE ${t.activations} SET ${set}, revision = $2, updated_at = $3 WHERE activation_id = $1`,
        [event.data.activationId, recorded.revision, at, ...values],
      );
    const deadline = (data: {
      activationDueAt: string | null;
      activationDue: { status: string; dueDate: string | null };
    }) => [data.activationDueAt, data.activationDue.dueDate, data.activationDue.status];
    switch (event.type) {
      case 'ActivationRequested': {
        const d = event.data;
        await db.query(
          `INSERT INTO ${t.activations} (activation_id, reference, operator, policy_version, status, request_kind,
             services, access, channel, subject_id, customer_type, received_at, term_category,
             activation_due_at, due_date, due_status, revision, created_at, updated_at)
           VALUES ($1, $2, $3, $4, 'requested', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
           ON CONFLICT (activation_id) DO NOTHING`,
          [
            d.activationId,
            d.reference,
            d.operator,
            d.policyVersion,
            d.requestKind,
            d.services,
            d.access,
            d.channel,
            d.customer.subjectId,
            d.customer.customerType,
            d.receivedAt,
            d.term.category,
            d.activationDueAt,
            d.activationDue.dueDate,
            d.activationDue.status,
            recorded.revision,
            at,
          ],
        );
        return;
      }
      case 'TechnicalCheckRecorded':
        await touch(
          `activation_due_at = $4, due_date = $5, due_status = $6, technical_check = $7, checked_at = $8,
           status = CASE WHEN $7 = 'negative' THEN 'not_feasible' ELSE status END`,
          [...deadline(event.data), event.data.outcome, event.data.checkedAt],
        );
        return;
      case 'ActivationClockPaused': {
        const running = event.data.pause.to === null;
        await touch(
          `activation_due_at = $4, due_date = $5, due_status = $6, pause_count = pause_count + 1,
           paused = paused OR $7, paused_since = CASE WHEN $7 THEN $8::timestamptz ELSE paused_since END`,
          [...deadline(event.data), running, event.data.pause.from],
        );
        return;
      }
      case 'ActivationClockResumed':
        await touch(
          `activation_due_at = $4, due_date = $5, due_status = $6, paused = false, paused_since = NULL`,
          deadline(event.data),
        );
        return;
      case 'ActivationDelayNotified':
        await touch(
          `activation_due_at = $4, due_date = $5, due_status = $6, notice_count = notice_count + 1,
           announced_date = CASE WHEN $7 THEN $8 ELSE announced_date END`,
          [...deadline(event.data), event.data.exemption.applies, event.data.newActivationDate],
        );
        return;
      case 'ActivationDeadlineMissed':
        await touch('missed_due_at = $4', [event.data.activationDueAt]);
        return;
      case 'ServiceActivated':
        await touch(
          `status = 'activated', activated_at = $4, on_time = $5, delay_days = $6,
           activation_due_at = $7, due_date = $8, paused = false, paused_since = NULL`,
          [
            event.data.activatedAt,
            event.data.onTime,
            event.data.delay.days,
            event.data.activationDueAt,
            event.data.dueDate,
          ],
        );
        return;
      case 'ActivationIndemnityAssessed':
        await touch('indemnity_status = $4, indemnity_basis = $5, indemnity_cents = $6', [
          event.data.status,
          event.data.credit.basis,
          event.data.credit.amountCents,
        ]);
        return;
      case 'IndemnityClaimRecorded':
        await touch(`indemnity_status = 'due'`);
        return;
      case 'ActivationRequestCancelled':
        await touch(
          `status = 'cancelled', cancel_reason = $4, paused = false, paused_since = NULL`,
          [event.data.reason],
        );
        return;
      case 'ActivationLatePauseApproved':
      case 'ActivationSupplementaryIndemnityAssessmentRequested':
        await touch('status = status');
        return;
      default:
        return;
    }
  },
};
