import { NotificationChannelName } from '../domain/customer-notified.event';

/** What a channel sends: the address goes to the transport and nowhere else (NTF-13). */
export interface NotificationMessage {
  notificationId: string;
  template: string;
  to: string;
  subject: string;
  text: string;
}

export interface SendReceipt {
  /** The provider's id for the message, when it gives one (never an address). */
  providerMessageId: string | null;
}

export interface NotificationChannel {
  readonly name: NotificationChannelName;
  /** Throws `ChannelError` on failure; whatever else it throws counts as transient. */
  send(message: NotificationMessage): Promise<SendReceipt>;
}

/**
 * A failed send, with a reason code safe to store and log (`smtp_550`, `smtp_connection`):
 * provider messages can quote the address, so they are never kept.
 */
export class ChannelError extends Error {
  constructor(
    readonly reason: string,
    /** `permanent`: retrying the same address will not help (the next channel is tried). */
    readonly kind: 'transient' | 'permanent',
  ) {
    super(`Notification channel failed: ${reason}`);
    this.name = 'ChannelError';
  }
}

export const NOTIFICATION_CHANNELS_TOKEN = Symbol('NOTIFICATION_CHANNELS');
