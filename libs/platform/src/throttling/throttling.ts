import { Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';
import { REDIS } from '../redis/redis.tokens';
import { RedisThrottlerStorage } from './redis-throttler-storage';

/** Rate limits from THROTTLE_LIMIT per THROTTLE_TTL_SECONDS, per client address and route. */
export function throttlingModule(config: PlatformConfig) {
  return ThrottlerModule.forRootAsync({
    inject: [REDIS, PLATFORM_CONFIG],
    useFactory: (redis: Redis, platform: PlatformConfig) => ({
      throttlers: [
        {
          name: 'default',
          limit: Math.max(1, platform.throttle.limit),
          ttl: platform.throttle.ttlSeconds * 1000,
        },
      ],
      storage: new RedisThrottlerStorage(redis, config.redis.prefix) as ThrottlerStorage,
    }),
  });
}

/** THROTTLE_LIMIT=0 turns throttling off (benchmarks): the guard is then not installed. */
export function throttlingGuards(config: PlatformConfig): Provider[] {
  return config.throttle.limit > 0 ? [{ provide: APP_GUARD, useClass: ThrottlerGuard }] : [];
}
