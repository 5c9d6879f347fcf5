import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { redisOptionsFromUrl } from './redis-url';

/**
 * The platform's own Redis connection. A command fails fast (no offline queue, one retry)
 * while Redis is away, so requests answer 503 instead of hanging; it reconnects by itself.
 */
export async function createRedisClient(url: string): Promise<IORedis> {
  const logger = new Logger('Redis');
  const client = new IORedis({
    ...redisOptionsFromUrl(url),
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  let reported = false;
  client.on('error', (error: Error & { code?: string }) => {
    if (reported) return;
    reported = true;
    logger.warn({ error: { type: error.name, code: error.code } }, 'Redis connection lost');
  });
  client.on('ready', () => {
    if (reported) logger.log('Redis connection restored');
    reported = false;
  });
  await client.connect();
  return client;
}
