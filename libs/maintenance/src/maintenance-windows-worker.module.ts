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
import { maintenanceEventSchemas } from './maintenance.schemas';
import { createMaintenanceTables } from './maintenance.tables';
import { maintenanceWindowsProjection } from './read-models/maintenance-windows.projection';

/** Only the error's class: messages of lower layers may quote data. */
const errorName = (error: unknown) => (error instanceof Error ? error.name : 'unknown error');

/**
 * The maintenance windows' background work: their read model. No timer: the domain judges the
 * notice when a notice, a reschedule or the start is recorded (MNT-4), never by the clock alone.
 */
@Injectable()
export class MaintenanceWindowsBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(MaintenanceWindowsBackground.name);
  private readonly projection: ProjectionRunner;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: EventSchemaRegistry,
    store: SealingEventStore,
    private readonly metrics: MetricsService,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.projection = new ProjectionRunner(db, store, maintenanceWindowsProjection, {
      schema: config.database.schema,
      onError: (error) =>
        this.logger.error(`Projection maintenance_windows stopped: ${errorName(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(maintenanceEventSchemas));
    await createMaintenanceTables(this.db, this.config.database.schema);
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
      this.metrics.setProjectionLag(maintenanceWindowsProjection.name, lag.eventsBehind);
  }
}

@Module({
  providers: [MaintenanceWindowsBackground],
  exports: [MaintenanceWindowsBackground],
})
export class MaintenanceWindowsWorkerModule {}
