import { Clock } from '@sportello/clock';
import { EventStore, RecordedEvent, WrongExpectedRevisionError } from '@sportello/eventstore';
import { ChannelError, NotificationChannel } from '../channels/notification-channel';
import {
  CUSTOMER_NOTIFIED,
  CustomerNotified,
  NotificationChannelName,
} from '../domain/customer-notified.event';
import { NotificationRuleRegistry } from '../domain/notification-rule-registry';
import { ContactReference } from '../domain/notification-rules';
import { retryDelayMs, RetryPolicy } from '../domain/retry-policy';
import { NotificationOutbox, OutboxRow } from '../outbox/notification-outbox';
import { asNotifiable } from '../outbox/notification-outbox.projection';

/** The system sends notices; it is an actor in the log like any other. */
export const NOTIFICATIONS_ACTOR = { id: 'system:notifications', role: 'system' } as const;

export type DispatchOutcome = 'recorded' | 'retry' | 'abandoned';

export interface DispatchLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface DispatcherOptions {
  retry: RetryPolicy;
  leaseMs: number;
  pollMs: number;
  batchSize: number;
  logger: DispatchLog;
  /** Counts outcomes by template and channel (never ids). */
  observe?: (outcome: DispatchOutcome | 'sent', template: string, channel: string) => void;
}

/** Where a failure happened decides what happens next: a notice once sent is never abandoned. */
class StageError extends Error {
  constructor(
    readonly stage: 'read' | 'send' | 'record',
    readonly reason: string,
    readonly permanent: boolean,
  ) {
    super(`${stage}: ${reason}`);
  }
}

/**
 * Sends what the outbox holds: claims due rows, reads the ticket to find the contact at send
 * time (so an erased subject is never contacted), renders, sends through the channel, marks the
 * row sent, appends `CustomerNotified` to the ticket unless it is already there, marks the row
 * recorded. A crash before "sent" means the notice goes out again (at least once); after it,
 * only the record is retried, and the record itself is idempotent (exactly once).
 */
export class NotificationDispatcher {
  private running: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private busy: Promise<number> | null = null;

  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly store: EventStore,
    private readonly rules: NotificationRuleRegistry,
    private readonly channels: ReadonlyMap<NotificationChannelName, NotificationChannel>,
    private readonly clock: Clock,
    private readonly options: DispatcherOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = null;
  }

  /** Looks for due rows now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Dispatches until nothing is due at the current instant; returns the rows handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (let handled = -1; handled !== 0; total += handled) handled = await this.dispatchDue();
    return total;
  }

  /** One batch: claims due rows and handles them; concurrent calls queue behind each other. */
  dispatchDue(): Promise<number> {
    const previous = this.busy ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.dispatchBatch());
    this.busy = next;
    return next;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      let handled = 0;
      try {
        handled = await this.dispatchDue();
      } catch (error) {
        this.options.logger.error(`Notification dispatch failed: ${reasonOf(error)}`);
      }
      if (handled === 0 && !this.woken && !this.stopping) await this.sleep(this.options.pollMs);
    }
  }

  private async dispatchBatch(): Promise<number> {
    const rows = await this.outbox.claim(
      this.clock.now(),
      this.options.leaseMs,
      this.options.batchSize,
    );
    // One ticket's notices in order; different tickets side by side.
    const byTicket = new Map<string, OutboxRow[]>();
    for (const row of rows)
      byTicket.set(row.ticketStream, [...(byTicket.get(row.ticketStream) ?? []), row]);
    await Promise.all(
      [...byTicket.values()].map(async (ticketRows) => {
        for (const row of ticketRows) await this.dispatchOne(row);
      }),
    );
    return rows.length;
  }

  private async dispatchOne(row: OutboxRow): Promise<DispatchOutcome> {
    const outcome = await this.attempt(row).catch((error) => this.failed(row, error));
    this.options.observe?.(outcome, row.template, row.channel);
    return outcome;
  }

  private async attempt(row: OutboxRow): Promise<DispatchOutcome> {
    const ticket = await this.store.readStream(row.ticketStream).catch((error) => {
      throw new StageError('read', reasonOf(error), false);
    });
    if (recordedIn(ticket, row.notificationId)) {
      await this.outbox.markRecorded(row.notificationId, this.clock.now()).catch((error) => {
        throw new StageError('record', reasonOf(error), false);
      });
      return 'recorded';
    }
    let sent: { at: string; providerMessageId: string | null; contact: ContactReference };
    if (row.status === 'sent' && row.sentAt && row.contact?.eventId && row.contact.path) {
      sent = {
        at: row.sentAt,
        providerMessageId: row.providerMessageId,
        contact: {
          subjectId: row.subjectId,
          field: row.contact.field,
          eventId: row.contact.eventId,
          path: row.contact.path,
        },
      };
    } else {
      const outcome = await this.send(row, ticket);
      if (outcome === 'abandoned') return outcome;
      sent = outcome;
    }
    try {
      await this.record(row, ticket, sent);
      await this.outbox.markRecorded(row.notificationId, this.clock.now());
    } catch (error) {
      throw new StageError('record', reasonOf(error), false);
    }
    this.options.logger.log(
      `Notice ${row.notificationId} (${row.template}) sent by ${row.channel} and recorded on ${row.ticketStream}`,
    );
    return 'recorded';
  }

  private async send(
    row: OutboxRow,
    ticket: RecordedEvent[],
  ): Promise<
    { at: string; providerMessageId: string | null; contact: ContactReference } | 'abandoned'
  > {
    const source =
      row.sourceStream === row.ticketStream
        ? ticket.find((event) => event.id === row.sourceEventId)
        : (await this.store.readStream(row.sourceStream)).find((e) => e.id === row.sourceEventId);
    if (!source) return this.abandon(row, 'source_event_missing');
    const channel = this.channels.get(row.channel);
    if (!channel) return this.abandon(row, 'channel_unavailable');

    const template = this.rules.template(row.template);
    const opened = ticket.map(asNotifiable);
    const contact = template.contact(opened, row.subjectId, row.channel);
    if (contact.status === 'erased') return this.abandon(row, 'contact_erased', true);
    if (contact.status === 'missing') return this.abandon(row, 'no_contact');

    const rendered = template.render({
      source: asNotifiable(source),
      ticket: opened,
      channel: row.channel,
    });
    const receipt = await channel
      .send({
        notificationId: row.notificationId,
        template: row.template,
        to: contact.address,
        subject: rendered.subject,
        text: rendered.text,
      })
      .catch((error) => {
        const failure = error instanceof ChannelError ? error : null;
        throw new StageError(
          'send',
          failure?.reason ?? `${row.channel}_${reasonOf(error)}`,
          failure?.kind === 'permanent',
        );
      });
    const at = this.clock.now();
    this.options.observe?.('sent', row.template, row.channel);
    await this.outbox.markSent(
      row.notificationId,
      at,
      receipt.providerMessageId,
      contact.reference,
    );
    return {
      at: at.toISOString(),
      providerMessageId: receipt.providerMessageId,
      contact: contact.reference,
    };
  }

  /** Appends `CustomerNotified` once: re-reads and re-checks when another writer got in first. */
  private async record(
    row: OutboxRow,
    ticket: RecordedEvent[],
    sent: { at: string; providerMessageId: string | null; contact: ContactReference },
  ): Promise<void> {
    const source = ticket.find((event) => event.id === row.sourceEventId);
    const event: CustomerNotified = {
      type: CUSTOMER_NOTIFIED,
      data: {
        notificationId: row.notificationId,
        subjectId: row.subjectId,
        template: row.template,
        channel: row.channel,
        contact: sent.contact,
        causationEventId: row.sourceEventId,
        sentAt: sent.at,
        providerMessageId: sent.providerMessageId,
      },
    };
    let events = ticket;
    for (let attempt = 1; ; attempt++) {
      if (recordedIn(events, row.notificationId)) return;
      const expected = events.length ? events[events.length - 1].revision : 'no_stream';
      try {
        await this.store.append(
          row.ticketStream,
          [
            {
              id: row.notificationId,
              type: event.type,
              data: event.data,
              metadata: {
                occurredAt: sent.at,
                actor: NOTIFICATIONS_ACTOR,
                correlationId: source?.metadata.correlationId ?? row.sourceEventId,
                causationId: row.sourceEventId,
                subjectIds: [row.subjectId],
                policyVersion: source?.metadata.policyVersion ?? null,
              },
            },
          ],
          expected,
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= 5) throw error;
        events = await this.store.readStream(row.ticketStream);
      }
    }
  }

  private async abandon(
    row: OutboxRow,
    reason: string,
    wholeNotice = false,
    lastError: string | null = null,
  ): Promise<'abandoned'> {
    const { fallback } = await this.outbox.abandon(row, this.clock.now(), reason, {
      wholeNotice,
      lastError,
    });
    const next = fallback ? '; trying the next channel' : '';
    this.options.logger.warn(
      `Notice ${row.notificationId} (${row.template}) abandoned on ${row.channel}: ${reason}${next}`,
    );
    if (fallback) this.wake();
    return 'abandoned';
  }

  private async failed(row: OutboxRow, error: unknown): Promise<DispatchOutcome> {
    const failure =
      error instanceof StageError ? error : new StageError('send', reasonOf(error), false);
    const now = this.clock.now();
    const sent = failure.stage === 'record' || (failure.stage === 'read' && row.status === 'sent');
    if (!sent && (failure.permanent || row.attempts >= this.options.retry.maxAttempts)) {
      const reason = failure.permanent ? 'rejected' : 'max_attempts';
      return this.abandon(row, reason, false, failure.reason).catch(() => 'retry' as const);
    }
    const delay = retryDelayMs(this.options.retry, row.attempts);
    await this.outbox
      .retryLater(row.notificationId, now, new Date(now.getTime() + delay), failure.reason)
      .catch(() => undefined);
    const log = sent ? this.options.logger.error : this.options.logger.warn;
    log.call(
      this.options.logger,
      `Notice ${row.notificationId} (${row.template}) ${failure.stage} failed on attempt ${row.attempts}: ${failure.reason}; retrying in ${Math.round(delay / 1000)} s`,
    );
    return 'retry';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}

function recordedIn(events: RecordedEvent[], notificationId: string): boolean {
  return events.some(
    (event) =>
      event.type === CUSTOMER_NOTIFIED &&
      (event.data as CustomerNotified['data']).notificationId === notificationId,
  );
}

/** A code for logs and the outbox: error names and codes only, never messages (they may quote data). */
function reasonOf(error: unknown): string {
  if (error instanceof ChannelError) return error.reason;
  if (error instanceof StageError) return error.reason;
  const e = error as { name?: unknown; code?: unknown };
  const code = typeof e?.code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(e.code) ? e.code : null;
  const name =
    typeof e?.name === 'string' && /^[A-Za-z0-9_]{1,60}$/.test(e.name) ? e.name : 'Error';
  return code ? `${name}:${code}` : name;
}
