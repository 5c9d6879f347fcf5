import { EventEmitter } from 'node:events';
import { EventStoreUnavailableError } from '../errors';
import {
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../port/event-store.port';
import { EventStorage, StoredEvent } from '../port/event-storage.spi';
import { Checkpoint } from '../port/event-store.port';

const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

interface Waiter {
  /** The head when the caller asked (see ProjectionRunner.caughtUp). */
  target: Checkpoint | null;
  afterPoll: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface PollingSubscriptionParams {
  name: string;
  storage: EventStorage;
  open: (event: StoredEvent) => Promise<RecordedEvent>;
  handler: SubscriptionHandler;
  options: SubscribeOptions;
  /** Emits 'appended' when this process appended, so the subscription need not wait a poll. */
  wakeups: EventEmitter;
}

/**
 * Catch-up-then-live subscription over `readAll`. The checkpoint is saved after each handled
 * event, so a crash repeats nothing that completed and skips nothing that did not; events of
 * types the handler does not act on (`eventTypes`) are passed over, unopened.
 */
export class PollingSubscription implements Subscription {
  readonly name: string;
  readonly stopped: Promise<void>;
  private stopping = false;
  private pollsStarted = 0;
  private waiters: Waiter[] = [];
  private sleeper: { timer: NodeJS.Timeout; wake: () => void } | null = null;
  private failure: unknown = null;
  private readonly onAppended = () => this.sleeper?.wake();

  private constructor(private readonly params: PollingSubscriptionParams) {
    this.name = params.name;
    params.wakeups.on('appended', this.onAppended);
    this.stopped = this.run().finally(() => {
      params.wakeups.off('appended', this.onAppended);
      const error = this.failure ?? new Error(`Subscription ${this.name} stopped`);
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    });
  }

  static start(params: PollingSubscriptionParams): PollingSubscription {
    return new PollingSubscription(params);
  }

  /** Resolves once every event committed before the call has been handled. */
  async caughtUp(): Promise<void> {
    if (this.stopping)
      return Promise.reject(this.failure ?? new Error(`Subscription ${this.name} stopped`));
    const target = await this.params.storage.headCheckpoint();
    return new Promise((resolve, reject) => {
      this.waiters.push({ afterPoll: this.pollsStarted, target, resolve, reject });
      this.sleeper?.wake();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper?.wake();
    await this.stopped;
  }

  /**
   * The database going away pauses the subscription instead of stopping it: it resumes from
   * its saved checkpoint once the database answers (the event being handled is handled again).
   * Any other failure, of the handler included, stops it.
   */
  private async run(): Promise<void> {
    let pauseMs = MIN_RETRY_MS;
    let pollsAtFailure = 0;
    while (!this.stopping) {
      try {
        await this.follow();
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError)) {
          this.failure = error;
          this.stopping = true;
          return;
        }
        pauseMs =
          this.pollsStarted > pollsAtFailure + 1
            ? MIN_RETRY_MS
            : Math.min(pauseMs * 2, MAX_RETRY_MS);
        pollsAtFailure = this.pollsStarted;
        await this.sleep(pauseMs);
      }
    }
  }

  private async follow(): Promise<void> {
    const { storage, options, name } = this.params;
    const batchSize = options.batchSize ?? 500;
    const idleMs = options.idleMs ?? 200;
    const wanted = options.eventTypes ? new Set(options.eventTypes) : null;
    let checkpoint = await storage.loadCheckpoint(name);
    while (!this.stopping) {
      const poll = ++this.pollsStarted;
      const page = await storage.readAll(checkpoint, batchSize);
      let saved = checkpoint;
      for (const stored of page.events) {
        if (this.stopping) return;
        if (wanted && !wanted.has(stored.type)) {
          checkpoint = stored.position;
          continue;
        }
        const event = await this.params.open(stored);
        try {
          await this.params.handler(event);
        } catch (error) {
          if (error instanceof EventStoreUnavailableError) throw error;
          this.failure = error;
          options.onError?.(error, event);
          this.stopping = true;
          return;
        }
        checkpoint = stored.position;
        await storage.saveCheckpoint(name, checkpoint);
        saved = checkpoint;
      }
      // Passed over at the end of the page: saved once (a crash only passes over them again).
      if (checkpoint !== saved && checkpoint !== null)
        await storage.saveCheckpoint(name, checkpoint);
      if (page.events.length === 0) {
        this.releaseWaiters(poll, checkpoint);
        await this.sleep(idleMs);
      }
    }
  }

  private releaseWaiters(poll: number, checkpoint: Checkpoint | null): void {
    const { storage } = this.params;
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.afterPoll >= poll) return true;
      const reached =
        waiter.target === null ||
        (checkpoint !== null && storage.compareCheckpoints(checkpoint, waiter.target) >= 0);
      if (!reached) return true;
      waiter.resolve();
      return false;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopping) return resolve();
      const wake = () => {
        clearTimeout(timer);
        this.sleeper = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleeper = { timer, wake };
    });
  }
}
