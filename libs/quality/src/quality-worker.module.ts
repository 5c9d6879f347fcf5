import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import {
  ProjectionRunner,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { MetricsService, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { createQualityTables } from './quality.tables';
import { qualityFactsProjection } from './read-models/quality-facts.projection';

/** Keeps the quality facts read model up to date with the log. */
@Injectable()
export class QualityBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(QualityBackground.name);
  private projection: ProjectionRunner;
  private readonly newRunner: () => ProjectionRunner;
  private retry: NodeJS.Timeout | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    store: SealingEventStore,
    private readonly metrics: MetricsService,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.newRunner = () =>
      new ProjectionRunner(db, store, qualityFactsProjection, {
        schema: config.database.schema,
        onError: (error) => this.failed(error),
      });
    this.projection = this.newRunner();
  }

  async onModuleInit(): Promise<void> {
    await createQualityTables(this.db, this.config.database.schema);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.lagTimer = setInterval(() => void this.reportLag(), 15_000);
    this.lagTimer.unref();
  }

  async caughtUp(): Promise<void> {
    await this.projection.caughtUp();
  }

  private failed(error: unknown): void {
    this.logger.error(`Projection quality_facts stopped: ${String(error)}`);
    if (this.stopping) return;
    this.retry = setTimeout(() => {
      this.projection = this.newRunner();
      this.projection.start().catch((e: unknown) => this.failed(e));
    }, 5_000);
    this.retry.unref();
  }

  private async reportLag(): Promise<void> {
    const lag = await this.projection.lag().catch(() => null);
    if (lag?.eventsBehind !== null && lag?.eventsBehind !== undefined)
      this.metrics.setProjectionLag(qualityFactsProjection.name, lag.eventsBehind);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.projection.stop();
  }
}

@Module({ providers: [QualityBackground], exports: [QualityBackground] })
export class QualityWorkerModule {}
