import { EventStore, Subscription, SubscriptionHandler } from '@sportello/eventstore';

/**
 * A subscription stops at the first failed event (a database blip included) and keeps its
 * checkpoint there; this one starts it again after a growing pause, so the reactor and the timers
 * do not stay down until the next restart. A poison event is retried, and reported, each time.
 */
export class RestartingSubscription {
  private current: Subscription | null = null;
  private stopping = false;
  private retry: NodeJS.Timeout | null = null;
  private pauseMs = 1_000;

  constructor(
    private readonly store: EventStore,
    private readonly name: string,
    private readonly handler: SubscriptionHandler,
    private readonly report: (error: unknown) => void,
    /** The event types the handler acts on, when it names them (see SubscribeOptions). */
    private readonly eventTypes?: readonly string[],
  ) {}

  start(): void {
    if (this.stopping) return;
    const subscription = this.store.subscribe(this.name, this.handler, {
      eventTypes: this.eventTypes,
      onError: (error) => this.report(error),
    });
    this.current = subscription;
    void subscription.stopped.then(() => {
      if (this.stopping || this.current !== subscription) return;
      this.retry = setTimeout(() => this.start(), this.pauseMs);
      this.retry.unref();
      this.pauseMs = Math.min(this.pauseMs * 2, 30_000);
    });
  }

  async caughtUp(): Promise<void> {
    await this.current?.caughtUp();
    this.pauseMs = 1_000;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retry) clearTimeout(this.retry);
    await this.current?.stop();
  }
}
