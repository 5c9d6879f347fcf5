import { DomainEvent } from '@sportello/decider';

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannelName = (typeof NOTIFICATION_CHANNELS)[number];

/** Which of the subject's contacts a notice went to (NTF-11): a reference, never the value. */
export type ContactField = 'email' | 'phone';

/**
 * Appended to the ticket's own stream once a notice has actually been sent, so the ticket's
 * timeline shows it and deciders can rely on it (e.g. no recovery charge before the SMS, NTF-10).
 * Carries ids only (NTF-13): the address stays sealed in the event that recorded it.
 */
export type CustomerNotified = DomainEvent<
  'CustomerNotified',
  {
    /** Derived from the causing event, the template and the channel: one notice, one record. */
    notificationId: string;
    subjectId: string;
    /** e.g. `complaint.filed`, `complaint.answered`, `billing-incident.notice`. */
    template: string;
    channel: NotificationChannelName;
    /** A reference to the sealed contact used: the event holding it and the field's path. */
    contact: { subjectId: string; field: ContactField; eventId?: string; path?: string };
    /** The event that called for the notice. */
    causationEventId: string;
    sentAt: string;
    providerMessageId: string | null;
  }
>;

export const CUSTOMER_NOTIFIED = 'CustomerNotified' as const;
