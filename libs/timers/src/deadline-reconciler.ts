import { Deadline } from './deadline';
import { DeadlineScheduler } from './deadline-scheduler';

/** Lists every deadline still open, from the read models: the log, not Redis, is the truth. */
export type OpenDeadlineSource = () => AsyncIterable<Deadline>;

/**
 * Re-arms every open deadline, at worker start and periodically, so that losing Redis (a flush,
 * a restart without persistence) loses no deadline. Arming is idempotent by job id.
 */
export class DeadlineReconciler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly scheduler: DeadlineScheduler,
    private readonly sources: OpenDeadlineSource[],
  ) {}

  async reconcile(): Promise<number> {
    let armed = 0;
    for (const source of this.sources) {
      for await (const deadline of source()) {
        await this.scheduler.ensureArmed(deadline);
        armed += 1;
      }
    }
    return armed;
  }

  startPeriodic(everyMs: number, onError: (error: unknown) => void): void {
    this.stopPeriodic();
    this.timer = setInterval(() => void this.reconcile().catch(onError), everyMs);
    this.timer.unref();
  }

  stopPeriodic(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
