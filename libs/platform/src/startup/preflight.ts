import IORedis from 'ioredis';
import { Client } from 'pg';
import { describeUrl, redisOptionsFromUrl } from '../redis/redis-url';

/** A dependency is missing at start-up: the process says so in one line and exits. */
export class PreflightError extends Error {
  constructor(readonly line: string) {
    super(line);
    this.name = 'PreflightError';
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
      return 'timed out';
    case '28P01':
    case '28000':
      return 'authentication failed';
    case '3D000':
      return 'database does not exist';
    default:
      return /timeout|timed out/i.test((error as Error)?.message ?? '')
        ? 'timed out'
        : (code ?? 'unreachable');
  }
}

/** One attempt with a short timeout and no retry: a missing Redis must fail fast, not hang. */
export async function assertRedisReachable(url: string, timeoutMs = 2_000): Promise<void> {
  const client = new IORedis({
    ...redisOptionsFromUrl(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The rejection only says "connection is closed"; the 'error' event carries the cause.
  let cause: unknown;
  client.on('error', (error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new PreflightError(
      `Redis is not reachable at ${describeUrl(url)} (${reason(cause ?? error)}): start Redis there, ` +
        `or set REDIS_URL to a reachable server (e.g. REDIS_URL=redis://redis.example:6379).`,
    );
  } finally {
    client.disconnect();
  }
}

export async function assertPostgresReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new PreflightError(
      `PostgreSQL is not reachable at ${describeUrl(url)} (${reason(error)}): start it there, ` +
        `or set DATABASE_URL to a reachable server (unset it to use the embedded PGlite store).`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
