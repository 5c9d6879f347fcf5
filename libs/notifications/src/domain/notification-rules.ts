import { ContactField, NotificationChannelName } from './customer-notified.event';

/**
 * How a library asks for customer notices (NTF-*). It exports one `NotificationRuleSet`: rules
 * that map an event type to the notices it calls for, and the templates those notices use.
 * Rules are pure; the worker reads the log, enqueues what the rules return (exactly once, in the
 * outbox projection's transaction) and sends later, reading contacts at send time.
 *
 * Registering, in the library's worker-side Nest module:
 *
 *   @Module({ imports: [NotificationsWorkerModule] })
 *   export class BillingIncidentNotificationsModule implements OnModuleInit {
 *     constructor(private readonly notifications: NotificationRuleRegistry) {}
 *     onModuleInit() {
 *       this.notifications.register(billingIncidentNotifications);
 *     }
 *   }
 *
 * and import that module in `apps/worker/src/worker-processors.module.ts`. Registration must
 * happen in `onModuleInit`: the registry is frozen when the outbox projection starts.
 */

/** The part of a recorded event a rule or a template reads: ids, type, opened data. */
export interface NotifiableEvent<Data = unknown> {
  id: string;
  type: string;
  stream: string;
  revision: number;
  data: Data;
  occurredAt: string;
  /** Paths of personal fields whose key was destroyed (they read as `[erased]`). */
  masked: readonly string[];
}

/** One notice an event calls for. Ids and names only (NTF-13): never an address or a name. */
export interface NoticeRequest {
  /** A registered template name, e.g. `complaint.filed`. */
  template: string;
  /**
   * In order of preference. The first channel is tried first; the next one is used only when
   * the subject has no contact for it or it failed for good (e.g. `['email', 'sms']`).
   */
  channels: readonly NotificationChannelName[];
  /** The data subject to notify. */
  subjectId: string;
  /** The ticket's stream: where the contact and figures are read and `CustomerNotified` goes. */
  ticketStream: string;
}

export interface NotificationRule {
  /** The event type this rule answers. */
  eventType: string;
  /** Which notices the event calls for: `[]` for none. Must be deterministic. */
  notices(event: NotifiableEvent): NoticeRequest[];
}

/** Where a notice's contact lives: a reference to the sealed value, never the value (NTF-11). */
export interface ContactReference {
  subjectId: string;
  field: ContactField;
  /** The event holding the (encrypted) contact, and the path of the field in its data. */
  eventId: string;
  path: string;
}

export type ContactLookup =
  | { status: 'found'; address: string; reference: ContactReference }
  | { status: 'missing' }
  | { status: 'erased' };

export interface RenderedNotice {
  /** E-mail subject line; SMS ignores it. */
  subject: string;
  text: string;
}

export interface RenderContext {
  /** The event that called for the notice. */
  source: NotifiableEvent;
  /** The ticket's stream as read at send time (opened; erased fields read `[erased]`). */
  ticket: readonly NotifiableEvent[];
  channel: NotificationChannelName;
}

export interface NotificationTemplate {
  name: string;
  /** The subject's address for a channel, read from the ticket's stream at send time. */
  contact(
    ticket: readonly NotifiableEvent[],
    subjectId: string,
    channel: NotificationChannelName,
  ): ContactLookup;
  /** Ids, dates and figures only (NTF-13); throw if the ticket lacks what the text needs. */
  render(context: RenderContext): RenderedNotice;
}

/** What one library contributes. */
export interface NotificationRuleSet {
  /** For error messages, e.g. `complaints`. */
  name: string;
  rules: readonly NotificationRule[];
  templates: readonly NotificationTemplate[];
}
