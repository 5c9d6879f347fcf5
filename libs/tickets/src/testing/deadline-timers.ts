/** Deadline timers over the machine's Redis, for a ticket module's integration tests. */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { Clock } from '@sportello/clock';
import { RecordedEvent, SealingEventStore, Subscription } from '@sportello/eventstore';
import { DeadlineHandler, DeadlineScheduler, startDeadlineWorker } from '@sportello/timers';
import { deleteKeysWithPrefix } from '@sportello/timers/testing/redis-test-support';

const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };

export interface DeadlineTimersOptions {
  /** Part of the Redis key prefix, so that test files sharing the server never meet. */
  tag: string;
  clock: Clock;
  store: SealingEventStore;
  /** The deadline kind and what fires it. */
  kind: string;
  handler: DeadlineHandler;
  /** The subscription that arms, moves and cancels the timers as the log goes. */
  subscription: string;
  follow: (event: RecordedEvent, scheduler: DeadlineScheduler) => Promise<void>;
}

/**
 * The queue, the scheduler, the worker and the subscription of one deadline kind, as the worker
 * process runs them; `stop()` and `start()` again model a restart.
 */
export class DeadlineTimers {
  readonly prefix: string;
  readonly redis = new IORedis(connection);
  queue!: Queue;
  scheduler!: DeadlineScheduler;
  worker!: Worker;
  timers!: Subscription;

  constructor(private readonly options: DeadlineTimersOptions) {
    this.prefix = `sportello-test-${options.tag}-${randomBytes(4).toString('hex')}`;
  }

  async start(): Promise<void> {
    const { clock, store, kind, handler, subscription, follow } = this.options;
    this.queue = new Queue('deadlines', { connection, prefix: this.prefix });
    const scheduler = new DeadlineScheduler(this.queue, clock);
    this.scheduler = scheduler;
    this.worker = startDeadlineWorker({
      queueName: 'deadlines',
      connection,
      prefix: this.prefix,
      clock,
      handlers: { [kind]: handler },
    });
    this.timers = store.subscribe(subscription, (event) => follow(event, scheduler), {
      idleMs: 20,
    });
    await this.worker.waitUntilReady();
  }

  async stop(): Promise<void> {
    await this.timers.stop();
    await this.worker.close();
    await this.queue.close();
  }

  /** Deletes this file's keys only: as if Redis had lost every job. */
  flush(): Promise<void> {
    return deleteKeysWithPrefix(this.redis, this.prefix);
  }

  async dispose(): Promise<void> {
    await this.stop();
    await this.flush();
    this.redis.disconnect();
  }
}
