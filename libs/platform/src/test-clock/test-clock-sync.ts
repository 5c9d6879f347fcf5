import { Logger } from '@nestjs/common';
import { TestClock } from '@sportello/clock';
import type Redis from 'ioredis';

/**
 * Keeps the test clocks of every process (API, worker) on one instant: the instant lives in
 * Redis, and each move is published so the others follow, firing their own clock listeners.
 */
export class TestClockSync {
  private readonly logger = new Logger(TestClockSync.name);
  private readonly key: string;
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    private readonly clock: TestClock,
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:test-clock`;
    this.channel = `${prefix}:test-clock:moved`;
  }

  /** Joins the shared instant, or starts it at this clock's instant if this process is first. */
  async start(): Promise<void> {
    await this.redis.set(this.key, this.clock.now().toISOString(), 'NX');
    const shared = await this.redis.get(this.key);
    if (shared) this.follow(shared);
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, instant: string) => this.follow(instant));
    await this.subscriber.subscribe(this.channel);
  }

  async set(instant: string): Promise<Date> {
    const now = this.clock.set(instant);
    await this.publish(now);
    return now;
  }

  async advance(by: Parameters<TestClock['advance']>[0]): Promise<Date> {
    const now = this.clock.advance(by);
    await this.publish(now);
    return now;
  }

  async stop(): Promise<void> {
    if (this.subscriber) await this.subscriber.quit().catch(() => undefined);
    this.subscriber = null;
  }

  private async publish(now: Date): Promise<void> {
    await this.redis.set(this.key, now.toISOString());
    await this.redis.publish(this.channel, now.toISOString());
  }

  private follow(instant: string): void {
    if (Date.parse(instant) === this.clock.now().getTime()) return;
    try {
      this.clock.set(instant);
    } catch (error) {
      this.logger.warn(
        { error: { type: (error as Error).name } },
        'Ignored a bad test-clock instant',
      );
    }
  }
}
