import { createTransport, Transporter } from 'nodemailer';
import {
  ChannelError,
  NotificationChannel,
  NotificationMessage,
  SendReceipt,
} from './notification-channel';

export interface SmtpEmailOptions {
  url: string;
  from: string;
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

const TRANSIENT_CODES: Record<string, string> = {
  ECONNECTION: 'smtp_connection',
  ETIMEDOUT: 'smtp_timeout',
  ESOCKET: 'smtp_socket',
  EDNS: 'smtp_dns',
  EAUTH: 'smtp_auth',
  ETLS: 'smtp_tls',
  EPROTOCOL: 'smtp_protocol',
};

/**
 * E-mail over SMTP (nodemailer). The Message-ID is derived from the notification id, so a
 * notice sent twice (at least once) carries the same id and mail clients can fold the copies.
 * Nodemailer's own logging stays off: it would print addresses.
 */
export class SmtpEmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  private readonly transporter: Transporter;
  private readonly domain: string;

  constructor(options: SmtpEmailOptions) {
    this.transporter = createTransport(
      {
        url: options.url,
        logger: false,
        debug: false,
        connectionTimeout: options.connectionTimeoutMs ?? 10_000,
        greetingTimeout: options.connectionTimeoutMs ?? 10_000,
        socketTimeout: options.socketTimeoutMs ?? 30_000,
      },
      { from: options.from },
    );
    this.domain = /@([^\s@>]+)>?\s*$/.exec(options.from)?.[1] ?? 'sportello.invalid';
  }

  async send(message: NotificationMessage): Promise<SendReceipt> {
    try {
      const info = await this.transporter.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.notificationId}@${this.domain}>`,
        headers: { 'X-Sportello-Notification': message.notificationId },
      });
      return { providerMessageId: typeof info.messageId === 'string' ? info.messageId : null };
    } catch (error) {
      throw smtpFailure(error);
    }
  }

  close(): void {
    this.transporter.close();
  }
}

/** A reason code from nodemailer's error: its message may quote the recipient, so it is dropped. */
export function smtpFailure(error: unknown): ChannelError {
  const e = error as { code?: unknown; responseCode?: unknown };
  const status = typeof e?.responseCode === 'number' ? e.responseCode : null;
  if (status !== null && status >= 500 && status < 600)
    return new ChannelError(`smtp_${status}`, 'permanent');
  if (status !== null) return new ChannelError(`smtp_${status}`, 'transient');
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === 'EENVELOPE') return new ChannelError('smtp_envelope', 'permanent');
  return new ChannelError(TRANSIENT_CODES[code] ?? 'smtp_failed', 'transient');
}
