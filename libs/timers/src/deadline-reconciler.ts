import { Deadline } from './deadline';
import { DeadlineScheduler } from './deadline-scheduler';

const ARMING_IN_FLIGHT = 50;

/** Lists every deadline still open, from the read models: the log, not Redis, is the truth. */
export type OpenDeadlineSource = () => AsyncIterable<Deadline>;

/**
 * Re-arms every open deadline, at worker start and periodically, so that losing Redis (a flush,
 * a restart without persistence) loses no deadline. Arming is idempotent by job id.
 */
export class DeadlineReconciler {
  private timer: NodeJS.Timeout | null = null;
  private watcher: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly scheduler: DeadlineScheduler,
    private readonly sources: OpenDeadlineSource[],
  ) {}

  /** One reconciliation at a time: a caller arriving meanwhile shares the one running. */
  reconcile(): Promise<number> {
    this.running ??= this.reconcileNow().finally(() => (this.running = null));
    return this.running;
  }

  private async reconcileNow(): Promise<number> {
    // Marked before arming: a loss during the pass removes the mark and triggers another.
    await this.mark();
    let armed = 0;
    // Each arming is a few Redis round trips: many in flight, or 100,000 take minutes.
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | null = null;
    for (const source of this.sources) {
      for await (const deadline of source()) {
        if (failure) break;
        const arming: Promise<void> = this.scheduler.ensureArmed(deadline).then(
          () => void inFlight.delete(arming),
          (error: unknown) => {
            failure ??= { error };
            inFlight.delete(arming);
          },
        );
        inFlight.add(arming);
        armed += 1;
        if (inFlight.size >= ARMING_IN_FLIGHT) await Promise.race(inFlight);
      }
    }
    await Promise.all(inFlight);
    if (failure) throw (failure as { error: unknown }).error;
    return armed;
  }

  startPeriodic(everyMs: number, onError: (error: unknown) => void): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.reconcile().catch(onError), everyMs);
    this.timer.unref();
  }

  /**
   * Redis can lose every delayed job at once (a flush, a restart without persistence) long
   * before the next periodic pass. A key set by each reconciliation vanishes with them: when it
   * is missing, reconcile at once.
   */
  startWatchingForLoss(everyMs: number, onError: (error: unknown) => void): void {
    this.stopWatching();
    this.watcher = setInterval(() => {
      if (this.running) return;
      void this.lost()
        .then((lost) => (lost ? this.reconcile() : 0))
        .catch(onError);
    }, everyMs);
    this.watcher.unref();
  }

  /** Stops the periodic passes and the watch for a loss. */
  stopPeriodic(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopWatching();
  }

  private stopWatching(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
  }

  private get markKey(): string {
    return this.scheduler.queue.toKey('reconciled');
  }

  private async mark(): Promise<void> {
    const client = await this.scheduler.queue.getBackend().client;
    await client.set(this.markKey, new Date().toISOString());
  }

  private async lost(): Promise<boolean> {
    const client = await this.scheduler.queue.getBackend().client;
    return (await client.get(this.markKey)) === null;
  }
}
