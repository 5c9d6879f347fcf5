import { ConfigurationError, PlatformConfig } from '@sportello/platform';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from './domain/retry-policy';

export interface NotificationsConfig {
  /** Unset: e-mails are logged (ids and sizes only), not sent. */
  smtp: { url: string; from: string } | null;
  retry: RetryPolicy;
  /** How long a claimed notice stays reserved for the worker sending it. */
  leaseMs: number;
  /** How often the dispatcher looks for due notices when nothing wakes it. */
  pollMs: number;
  batchSize: number;
  /** Events recorded before this instant call for no notice (first deployment on an old log). */
  since: string | null;
}

export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');

export const NOTIFICATIONS_VARIABLES = [
  'SMTP_URL',
  'MAIL_FROM',
  'NOTIFICATIONS_MAX_ATTEMPTS',
  'NOTIFICATIONS_RETRY_BASE_SECONDS',
  'NOTIFICATIONS_POLL_MS',
  'NOTIFICATIONS_SINCE',
] as const;

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const NAMED_ADDRESS = /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/;

/** Reads and validates the notification variables; messages never echo a value. */
export function resolveNotificationsConfig(
  env: Record<string, string | undefined>,
  platform: Pick<PlatformConfig, 'env'>,
): NotificationsConfig {
  const problems: { variable: string; message: string }[] = [];
  const value = (name: (typeof NOTIFICATIONS_VARIABLES)[number]) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const integer = (
    name: (typeof NOTIFICATIONS_VARIABLES)[number],
    min: number,
    max: number,
    fallback: number,
  ) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(parsed >= min && parsed <= max)) {
      problems.push({ variable: name, message: `must be an integer from ${min} to ${max}` });
      return fallback;
    }
    return parsed;
  };

  const url = value('SMTP_URL');
  if (url !== undefined && !isSmtpUrl(url))
    problems.push({ variable: 'SMTP_URL', message: 'must be an smtp:// or smtps:// URL' });
  let from = value('MAIL_FROM');
  if (from !== undefined && !ADDRESS.test(from) && !NAMED_ADDRESS.test(from))
    problems.push({
      variable: 'MAIL_FROM',
      message: 'must be an address, optionally with a name (Sportello <noreply@example.it>)',
    });
  if (url !== undefined && from === undefined) {
    if (platform.env === 'production')
      problems.push({ variable: 'MAIL_FROM', message: 'is required with SMTP_URL in production' });
    from = 'Sportello <no-reply@sportello.invalid>';
  }
  const since = value('NOTIFICATIONS_SINCE');
  if (since !== undefined && Number.isNaN(Date.parse(since)))
    problems.push({ variable: 'NOTIFICATIONS_SINCE', message: 'must be an ISO 8601 instant' });

  const config: NotificationsConfig = {
    smtp: url !== undefined ? { url, from: from! } : null,
    retry: {
      maxAttempts: integer('NOTIFICATIONS_MAX_ATTEMPTS', 1, 50, DEFAULT_RETRY_POLICY.maxAttempts),
      baseDelayMs:
        integer(
          'NOTIFICATIONS_RETRY_BASE_SECONDS',
          1,
          3600,
          DEFAULT_RETRY_POLICY.baseDelayMs / 1000,
        ) * 1000,
      maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs,
    },
    leaseMs: 120_000,
    pollMs: integer('NOTIFICATIONS_POLL_MS', 10, 60_000, 500),
    batchSize: 20,
    since: since !== undefined ? new Date(since).toISOString() : null,
  };
  if (problems.length) throw new ConfigurationError(problems);
  return config;
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
