import { Clock } from '@sportello/clock';
import { createTableOnce, Projection, RecordedEvent } from '@sportello/eventstore';
import { notificationIdOf } from '../domain/notification-id';
import { NotifiableEvent } from '../domain/notification-rules';
import { NotificationRuleRegistry } from '../domain/notification-rule-registry';

export const OUTBOX_TABLE = 'notification_outbox';

export function asNotifiable(event: RecordedEvent): NotifiableEvent {
  return {
    id: event.id,
    type: event.type,
    stream: event.stream,
    revision: event.revision,
    data: event.data,
    occurredAt: event.metadata.occurredAt,
    masked: event.masked,
  };
}

export interface OutboxProjectionOptions {
  /** Events recorded before this instant call for no notice. */
  since?: string | null;
  /** Called after a batch enqueued notices (the dispatcher is woken). */
  onEnqueued?: () => void;
}

/**
 * The outbox: one row per notice and channel. Rows are inserted by this projection in the same
 * transaction as its checkpoint, so each notice is enqueued exactly once however often the log
 * is read. It is not a read model: the dispatcher keeps its state here, so it must never be
 * rebuilt (a rebuild would enqueue every notice again). The row holds ids, names and reason
 * codes only, never an address (NTF-13).
 */
export function notificationOutboxProjection(
  rules: NotificationRuleRegistry,
  clock: Clock,
  options: OutboxProjectionOptions = {},
): Projection {
  const since = options.since ? Date.parse(options.since) : null;
  return {
    name: 'notification_outbox',
    tables: [OUTBOX_TABLE],

    async createTables(db, t) {
      await createTableOnce(
        db,
        t[OUTBOX_TABLE],
        `CREATE TABLE ${t[OUTBOX_TABLE]} (
          notification_id     uuid        PRIMARY KEY,
          source_event_id     uuid        NOT NULL,
          source_stream       text        NOT NULL,
          template            text        NOT NULL,
          channel             text        NOT NULL,
          rank                smallint    NOT NULL,
          subject_id          text        NOT NULL,
          ticket_stream       text        NOT NULL,
          status              text        NOT NULL
            CHECK (status IN ('standby', 'pending', 'sent', 'recorded', 'abandoned')),
          attempts            integer     NOT NULL DEFAULT 0,
          next_attempt_at     timestamptz,
          lease_until         timestamptz,
          last_error          text,
          abandon_reason      text,
          provider_message_id text,
          contact_field       text,
          contact_event_id    uuid,
          contact_path        text,
          enqueued_at         timestamptz NOT NULL,
          sent_at             timestamptz,
          recorded_at         timestamptz,
          updated_at          timestamptz NOT NULL,
          UNIQUE (source_event_id, template, rank)
        )`,
        ['status, next_attempt_at', 'ticket_stream'],
      );
    },

    async apply(db, event, t) {
      if (since !== null && Date.parse(event.metadata.recordedAt) < since) return;
      const notices = rules.noticesFor(asNotifiable(event));
      if (notices.length === 0) return;
      const now = clock.now().toISOString();
      for (const notice of notices) {
        for (const [rank, channel] of notice.channels.entries()) {
          await db.query(
            `INSERT INTO ${t[OUTBOX_TABLE]} (notification_id, source_event_id, source_stream, template, channel, rank,
               subject_id, ticket_stream, status, enqueued_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT DO NOTHING`,
            [
              notificationIdOf(event.id, notice.template, channel),
              event.id,
              event.stream,
              notice.template,
              channel,
              rank,
              notice.subjectId,
              notice.ticketStream,
              rank === 0 ? 'pending' : 'standby',
              event.metadata.recordedAt,
              now,
            ],
          );
        }
      }
      options.onEnqueued?.();
    },
  };
}
