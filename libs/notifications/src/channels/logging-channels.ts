import { NotificationChannelName } from '../domain/customer-notified.event';
import { NotificationChannel, NotificationMessage, SendReceipt } from './notification-channel';

export interface ChannelLog {
  log(message: string): void;
}

/**
 * A channel that sends nothing and logs only the notice's id, template and size: never the
 * address nor the text (NTF-13). Used for SMS until a provider is chosen, and for e-mail when no
 * SMTP server is configured.
 */
export class LoggingChannel implements NotificationChannel {
  constructor(
    readonly name: NotificationChannelName,
    private readonly logger: ChannelLog,
  ) {}

  async send(message: NotificationMessage): Promise<SendReceipt> {
    this.logger.log(
      `${this.name} notice ${message.notificationId} (${message.template}, ${message.text.length} characters) logged, not sent`,
    );
    return { providerMessageId: null };
  }
}

/** The SMS port: any provider adapter implements it; `LoggingSmsChannel` until there is one. */
export type SmsChannel = NotificationChannel & { readonly name: 'sms' };

export class LoggingSmsChannel extends LoggingChannel implements SmsChannel {
  override readonly name = 'sms' as const;

  constructor(logger: ChannelLog) {
    super('sms', logger);
  }
}
