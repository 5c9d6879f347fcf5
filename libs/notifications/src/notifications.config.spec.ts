import { ConfigurationError } from '@sportello/platform';
import { resolveNotificationsConfig } from './notifications.config';

const development: { env: 'development' | 'production' | 'test' } = { env: 'development' };

function problemsOf(env: Record<string, string>, platform = development): string {
  try {
    resolveNotificationsConfig(env, platform);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('notifications configuration', () => {
  it('without SMTP_URL e-mails are logged; defaults for retries and polling', () => {
    expect(resolveNotificationsConfig({}, development)).toMatchObject({
      smtp: null,
      retry: { maxAttempts: 8, baseDelayMs: 30_000 },
      pollMs: 500,
      since: null,
    });
  });

  it('reads SMTP_URL, MAIL_FROM and the tuning variables', () => {
    expect(
      resolveNotificationsConfig(
        {
          SMTP_URL: 'smtp://127.0.0.1:2525',
          MAIL_FROM: 'Sportello <reclami@example.it>',
          NOTIFICATIONS_MAX_ATTEMPTS: '3',
          NOTIFICATIONS_RETRY_BASE_SECONDS: '5',
          NOTIFICATIONS_POLL_MS: '50',
          NOTIFICATIONS_SINCE: '2026-01-01T00:00:00+01:00',
        },
        development,
      ),
    ).toMatchObject({
      smtp: { url: 'smtp://127.0.0.1:2525', from: 'Sportello <reclami@example.it>' },
      retry: { maxAttempts: 3, baseDelayMs: 5_000 },
      pollMs: 50,
      since: '2025-12-31T23:00:00.000Z',
    });
  });

  it('names each bad variable and never echoes its value (SMTP_URL may hold a password)', () => {
    const message = problemsOf({
      SMTP_URL: 'http://user:s3cret@mail.example.it',
      MAIL_FROM: 'not an address',
      NOTIFICATIONS_MAX_ATTEMPTS: '0',
    });
    expect(message).toMatch(/SMTP_URL/);
    expect(message).toMatch(/MAIL_FROM/);
    expect(message).toMatch(/NOTIFICATIONS_MAX_ATTEMPTS/);
    expect(message).not.toMatch(/s3cret|not an address/);
  });

  it('in production MAIL_FROM is required with SMTP_URL', () => {
    expect(problemsOf({ SMTP_URL: 'smtps://mail.example.it' }, { env: 'production' })).toMatch(
      /MAIL_FROM is required/,
    );
  });
});
