import { BullModule, getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { Clock, CLOCK, TestClock } from '@sportello/clock';
import { Deadline } from '../deadline';
import { DeadlineReconciler, OpenDeadlineSource } from '../deadline-reconciler';
import { DeadlineScheduler } from '../deadline-scheduler';
import { DeadlineHandler, processDeadlineJob } from '../deadline-worker';

export const DEADLINES_QUEUE = 'deadlines';
const RECONCILE_EVERY_MS = 5 * 60_000;
/** How soon a Redis that lost its data (flushed, restarted without persistence) is noticed. */
const LOSS_CHECK_EVERY_MS = 5_000;

/** Features register what to do when their deadlines fall due, and where their open ones are. */
@Injectable()
export class DeadlineRegistry {
  readonly handlers: Record<string, DeadlineHandler> = {};
  readonly openDeadlineSources: OpenDeadlineSource[] = [];

  register(kind: string, handler: DeadlineHandler, openDeadlines: OpenDeadlineSource): void {
    if (this.handlers[kind]) throw new Error(`Deadline kind ${kind} registered twice`);
    this.handlers[kind] = handler;
    this.openDeadlineSources.push(openDeadlines);
  }
}

@Processor(DEADLINES_QUEUE, { concurrency: 50 })
export class DeadlineProcessor extends WorkerHost {
  constructor(
    private readonly registry: DeadlineRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  process(job: Job<Deadline>, token?: string): Promise<void> {
    return processDeadlineJob(job, token, this.registry.handlers, this.clock);
  }
}

/**
 * Re-arms every open deadline at start and every few minutes (losing Redis loses nothing), and
 * with a test clock releases the jobs the clock has just passed.
 */
@Injectable()
export class DeadlineSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineSupervisor.name);
  private reconciler: DeadlineReconciler | null = null;
  private unfollowClock: (() => void) | null = null;

  constructor(
    private readonly registry: DeadlineRegistry,
    private readonly scheduler: DeadlineScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.reconciler = new DeadlineReconciler(this.scheduler, this.registry.openDeadlineSources);
    const armed = await this.reconciler.reconcile();
    this.logger.log(`Deadlines reconciled at start: ${armed} open`);
    const failed = (error: unknown) =>
      this.logger.error(`Deadline reconciliation failed: ${String(error)}`);
    this.reconciler.startPeriodic(RECONCILE_EVERY_MS, failed);
    this.reconciler.startWatchingForLoss(LOSS_CHECK_EVERY_MS, failed);
    if (this.clock instanceof TestClock) {
      const release = () =>
        this.scheduler
          .releaseDue()
          .catch((error) => this.logger.error(`Releasing due deadlines failed: ${String(error)}`));
      this.unfollowClock = this.clock.onChange(() => void release());
      // The clock may have moved while this process was down, or it was killed half-way through
      // a release: jobs armed with real-time delays would otherwise sleep for weeks.
      await release();
    }
  }

  /** Re-arms everything now, e.g. after Redis was flushed; returns how many are open. */
  reconcileNow(): Promise<number> {
    if (!this.reconciler) throw new Error('The deadline supervisor has not started');
    return this.reconciler.reconcile();
  }

  onApplicationShutdown(): void {
    this.reconciler?.stopPeriodic();
    this.unfollowClock?.();
  }
}

const schedulerProvider = {
  provide: DeadlineScheduler,
  inject: [getQueueToken(DEADLINES_QUEUE), CLOCK],
  useFactory: (queue: Queue, clock: Clock) => new DeadlineScheduler(queue, clock),
};

/** Timers for the worker process: the queue, its processor and the reconciler. */
@Module({
  imports: [BullModule.registerQueue({ name: DEADLINES_QUEUE })],
  providers: [schedulerProvider, DeadlineRegistry, DeadlineProcessor, DeadlineSupervisor],
  exports: [DeadlineScheduler, DeadlineRegistry, DeadlineSupervisor],
})
export class TimersWorkerModule {}
