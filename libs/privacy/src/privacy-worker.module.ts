import { BullModule, InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import {
  ProjectionRunner,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { MetricsService, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { Retention } from './application/retention/retention';
import { PrivacyPolicy } from './domain/privacy-policy';
import { PRIVACY_POLICY } from './policies/privacy-policy.loader';
import { PrivacyCoreModule } from './privacy-core.module';
import { subjectStreamsProjection } from './read-models/subject-streams.projection';

export const PRIVACY_QUEUE = 'privacy';
export const RUN_RETENTION = 'run-retention';
/** Nightly, Italian time, when the desks are closed. */
const NIGHTLY = { pattern: '0 3 * * *', tz: 'Europe/Rome' };

/** Retention runs as a system job: its payload carries no data at all. */
@Processor(PRIVACY_QUEUE)
export class PrivacyProcessor extends WorkerHost {
  private readonly logger = new Logger(PrivacyProcessor.name);

  constructor(private readonly retention: Retention) {
    super();
  }

  async process(job: Job): Promise<{ erased: number; held: number; failed: number }> {
    if (job.name !== RUN_RETENTION) throw new Error(`Unknown privacy job: ${job.name}`);
    const run = await this.retention.run({
      kind: 'system',
      component: 'privacy-retention',
      correlationId: `retention:${job.id ?? 'manual'}`,
    });
    this.logger.log(
      `Retention: ${run.erased.length} erased, ${run.held.length} held, ${run.failed.length} failed`,
    );
    return { erased: run.erased.length, held: run.held.length, failed: run.failed.length };
  }
}

@Injectable()
export class PrivacyBackground implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PrivacyBackground.name);
  readonly projection: ProjectionRunner;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(
    store: SealingEventStore,
    private readonly metrics: MetricsService,
    @Inject(SQL_EXECUTOR) db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(PRIVACY_POLICY) policy: PrivacyPolicy,
    @InjectQueue(PRIVACY_QUEUE) private readonly queue: Queue,
  ) {
    this.projection = new ProjectionRunner(db, store, subjectStreamsProjection(policy), {
      schema: config.database.schema,
      onError: (error) =>
        this.logger.error(`Projection subject_streams stopped: ${(error as Error).name}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    await this.queue.upsertJobScheduler(RUN_RETENTION, NIGHTLY, {
      name: RUN_RETENTION,
      data: {},
      opts: { removeOnComplete: 30, removeOnFail: 100, attempts: 1 },
    });
    this.lagTimer = setInterval(() => void this.reportLag(), 15_000);
    this.lagTimer.unref();
  }

  /** For tests and operations: resolves once the read model has seen the log. */
  caughtUp(): Promise<void> {
    return this.projection.caughtUp();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.projection.stop();
  }

  private async reportLag(): Promise<void> {
    const lag = await this.projection.lag().catch(() => null);
    if (lag?.eventsBehind !== null && lag?.eventsBehind !== undefined)
      this.metrics.setProjectionLag(this.projection.projection.name, lag.eventsBehind);
  }
}

/** The `subject_streams` read model and the nightly retention run. */
@Module({
  imports: [PrivacyCoreModule, BullModule.registerQueue({ name: PRIVACY_QUEUE })],
  providers: [PrivacyBackground, PrivacyProcessor],
  exports: [PrivacyBackground],
})
export class PrivacyWorkerModule {}
