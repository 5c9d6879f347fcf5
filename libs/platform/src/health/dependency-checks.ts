import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EventStorage, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.tokens';
import { EVENT_STORAGE } from '../persistence/persistence.tokens';

const CHECK_TIMEOUT_MS = 2_000;

/** Readiness of each dependency, each bounded in time so a hung one reads as down. */
@Injectable()
export class DependencyChecks {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(EVENT_STORAGE) private readonly storage: EventStorage,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  database(): Promise<HealthIndicatorResult> {
    return this.check('database', async () => {
      await this.db.query('SELECT 1');
      return { backend: this.db.dialect };
    });
  }

  eventStore(): Promise<HealthIndicatorResult> {
    return this.check('eventStore', async () => {
      await this.storage.headCheckpoint();
      return { backend: this.storage.backend };
    });
  }

  redisServer(): Promise<HealthIndicatorResult> {
    return this.check('redis', async () => {
      await this.redis.ping();
      return {};
    });
  }

  private async check(
    key: string,
    probe: () => Promise<Record<string, unknown>>,
  ): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const details = await Promise.race([
        probe(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
        }),
      ]);
      return session.up(details);
    } catch {
      return session.down({ reason: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }
}
