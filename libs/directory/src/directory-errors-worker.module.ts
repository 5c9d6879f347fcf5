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
  EventSchemaRegistry,
  ProjectionRunner,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { MetricsService, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { directoryEventSchemas } from './directory.schemas';
import { createDirectoryTables } from './directory.tables';
import { directoryErrorsProjection } from './read-models/directory-errors.projection';

/** Only the error's class: messages of lower layers may quote data. */
const errorName = (error: unknown) => (error instanceof Error ? error.name : 'unknown error');

/** The directory errors' background work: their read model. No timer: the flat indemnity is
 * assessed when attribution is decided (DIR-6), never by the clock. */
@Injectable()
export class DirectoryErrorsBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(DirectoryErrorsBackground.name);
  private readonly projection: ProjectionRunner;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: EventSchemaRegistry,
    store: SealingEventStore,
    private readonly metrics: MetricsService,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.projection = new ProjectionRunner(db, store, directoryErrorsProjection, {
      schema: config.database.schema,
      onError: (error) =>
        this.logger.error(`Projection directory_errors stopped: ${errorName(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(directoryEventSchemas));
    await createDirectoryTables(this.db, this.config.database.schema);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
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
      this.metrics.setProjectionLag(directoryErrorsProjection.name, lag.eventsBehind);
  }
}

@Module({
  providers: [DirectoryErrorsBackground],
  exports: [DirectoryErrorsBackground],
})
export class DirectoryErrorsWorkerModule {}
