import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { ContactField, NotificationChannelName } from '../domain/customer-notified.event';
import { OUTBOX_TABLE } from './notification-outbox.projection';

export type OutboxStatus = 'standby' | 'pending' | 'sent' | 'recorded' | 'abandoned';

export interface OutboxRow {
  notificationId: string;
  sourceEventId: string;
  sourceStream: string;
  template: string;
  channel: NotificationChannelName;
  rank: number;
  subjectId: string;
  ticketStream: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  abandonReason: string | null;
  providerMessageId: string | null;
  contact: { field: ContactField; eventId: string | null; path: string | null } | null;
  enqueuedAt: string;
  sentAt: string | null;
  recordedAt: string | null;
}

interface Row {
  notification_id: string;
  source_event_id: string;
  source_stream: string;
  template: string;
  channel: NotificationChannelName;
  rank: number;
  subject_id: string;
  ticket_stream: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date | string | null;
  last_error: string | null;
  abandon_reason: string | null;
  provider_message_id: string | null;
  contact_field: ContactField | null;
  contact_event_id: string | null;
  contact_path: string | null;
  enqueued_at: Date | string;
  sent_at: Date | string | null;
  recorded_at: Date | string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

function toRow(row: Row): OutboxRow {
  return {
    notificationId: row.notification_id,
    sourceEventId: row.source_event_id,
    sourceStream: row.source_stream,
    template: row.template,
    channel: row.channel,
    rank: Number(row.rank),
    subjectId: row.subject_id,
    ticketStream: row.ticket_stream,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: isoOrNull(row.next_attempt_at),
    lastError: row.last_error,
    abandonReason: row.abandon_reason,
    providerMessageId: row.provider_message_id,
    contact: row.contact_field
      ? { field: row.contact_field, eventId: row.contact_event_id, path: row.contact_path }
      : null,
    enqueuedAt: iso(row.enqueued_at),
    sentAt: isoOrNull(row.sent_at),
    recordedAt: isoOrNull(row.recorded_at),
  };
}

/**
 * The dispatcher's side of the outbox. A worker claims due rows with a lease (a short UPDATE,
 * rows locked with SKIP LOCKED while it runs), so no transaction stays open while a message is
 * on the wire, several workers never take the same row, and a crashed worker's lease expires.
 */
export class NotificationOutbox {
  readonly table: string;

  constructor(
    private readonly db: SqlExecutor,
    schema: string,
  ) {
    this.table = `${assertSchemaName(schema)}.${OUTBOX_TABLE}`;
  }

  /** Takes up to `limit` due rows (pending, or sent but not yet recorded); counts the attempt. */
  async claim(now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
    const { rows } = await this.db.query<Row>(
      `UPDATE ${this.table} SET attempts = attempts + 1, lease_until = $2, updated_at = $1
        WHERE notification_id IN (
          SELECT notification_id FROM ${this.table}
           WHERE status IN ('pending', 'sent')
             AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
             AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY enqueued_at, notification_id
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
    );
    return rows.map(toRow).sort((a, b) => a.enqueuedAt.localeCompare(b.enqueuedAt));
  }

  async markSent(
    notificationId: string,
    at: Date,
    providerMessageId: string | null,
    contact: { field: ContactField; eventId: string; path: string },
  ): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table} SET status = 'sent', sent_at = $2, provider_message_id = $3, contact_field = $4,
         contact_event_id = $5, contact_path = $6, last_error = NULL, updated_at = $2
        WHERE notification_id = $1`,
      [
        notificationId,
        at.toISOString(),
        providerMessageId,
        contact.field,
        contact.eventId,
        contact.path,
      ],
    );
  }

  /** Recorded; the channels kept in reserve for this notice are no longer needed. */
  async markRecorded(notificationId: string, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ source_event_id: string; template: string }>(
        `UPDATE ${this.table} SET status = 'recorded', recorded_at = $2, lease_until = NULL, next_attempt_at = NULL,
           last_error = NULL, updated_at = $2
          WHERE notification_id = $1
          RETURNING source_event_id, template`,
        [notificationId, at.toISOString()],
      );
      if (rows[0])
        await tx.query(
          `UPDATE ${this.table} SET status = 'abandoned', abandon_reason = 'superseded', updated_at = $3
            WHERE source_event_id = $1 AND template = $2 AND status = 'standby'`,
          [rows[0].source_event_id, rows[0].template, at.toISOString()],
        );
    });
  }

  /** Releases the lease and waits: `reason` is a code, never a provider's message. */
  async retryLater(notificationId: string, at: Date, nextAttemptAt: Date, reason: string) {
    await this.db.query(
      `UPDATE ${this.table} SET next_attempt_at = $3, lease_until = NULL, last_error = $4, updated_at = $2
        WHERE notification_id = $1`,
      [notificationId, at.toISOString(), nextAttemptAt.toISOString(), reason],
    );
  }

  /**
   * Gives up on this channel and wakes the next one in the notice's preference order, if any.
   * With `wholeNotice` every channel not yet tried is given up too (the contact is erased).
   */
  async abandon(
    row: Pick<OutboxRow, 'notificationId' | 'sourceEventId' | 'template' | 'rank'>,
    at: Date,
    reason: string,
    options: { wholeNotice?: boolean; lastError?: string | null } = {},
  ): Promise<{ fallback: boolean }> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE ${this.table} SET status = 'abandoned', abandon_reason = $3, last_error = $4, lease_until = NULL,
           next_attempt_at = NULL, updated_at = $2
          WHERE notification_id = $1 AND status IN ('pending', 'standby')`,
        [row.notificationId, at.toISOString(), reason, options.lastError ?? null],
      );
      if (options.wholeNotice) {
        await tx.query(
          `UPDATE ${this.table} SET status = 'abandoned', abandon_reason = $4, updated_at = $3
            WHERE source_event_id = $1 AND template = $2 AND status IN ('pending', 'standby')`,
          [row.sourceEventId, row.template, at.toISOString(), reason],
        );
        return { fallback: false };
      }
      const next = await tx.query(
        `UPDATE ${this.table} SET status = 'pending', next_attempt_at = NULL, updated_at = $4
          WHERE source_event_id = $1 AND template = $2 AND rank = $3 AND status = 'standby'`,
        [row.sourceEventId, row.template, row.rank + 1, at.toISOString()],
      );
      return { fallback: next.rowCount > 0 };
    });
  }

  async find(notificationId: string): Promise<OutboxRow | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM ${this.table} WHERE notification_id = $1`,
      [notificationId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Every row of a ticket, oldest first (operations and tests). */
  async ofTicket(ticketStream: string): Promise<OutboxRow[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM ${this.table} WHERE ticket_stream = $1 ORDER BY enqueued_at, template, rank`,
      [ticketStream],
    );
    return rows.map(toRow);
  }

  /** Rows due now or earlier (not counting those leased to a worker). */
  async dueCount(now: Date): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${this.table}
        WHERE status IN ('pending', 'sent') AND (next_attempt_at IS NULL OR next_attempt_at <= $1)`,
      [now.toISOString()],
    );
    return Number(rows[0].n);
  }
}
