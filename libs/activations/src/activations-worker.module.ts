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
  CommandHandler,
  EventSchemaRegistry,
  ProjectionRunner,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
  Subscription,
} from '@sportello/eventstore';
import { MetricsService, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { DeadlineRegistry, DeadlineScheduler, TimersWorkerModule } from '@sportello/timers';
import { activationEventSchemas } from './activation.schemas';
import { createActivationTables } from './activations.tables';
import {
  ACTIVATION_DUE,
  activationDeadlineHandler,
  followActivationDeadline,
  openActivationDeadlines,
} from './application/deadlines/activation-deadline-timer';
import { activationsListProjection } from './read-models/activations-list.projection';

export const ACTIVATION_TIMERS_SUBSCRIPTION = 'activation-deadline-timers';

/** Only the error's class: messages of lower layers may quote data. */
const errorName = (error: unknown) => (error instanceof Error ? error.name : 'unknown error');

/**
 * The activations' background work: the list read model, and the activation-deadline timers
 * that follow the log (armed, moved and cancelled by events, fired by BullMQ, re-armed by the
 * reconciler). Jobs carry the stream, the kind and the due instant only.
 */
@Injectable()
export class ActivationsBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(ActivationsBackground.name);
  private readonly projection: ProjectionRunner;
  private timers: Subscription | null = null;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: EventSchemaRegistry,
    private readonly store: SealingEventStore,
    private readonly commands: CommandHandler,
    private readonly deadlines: DeadlineRegistry,
    private readonly scheduler: DeadlineScheduler,
    private readonly metrics: MetricsService,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.projection = new ProjectionRunner(db, store, activationsListProjection, {
      schema: config.database.schema,
      onError: (error) =>
        this.logger.error(`Projection activations_list stopped: ${errorName(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(activationEventSchemas));
    await createActivationTables(this.db, this.config.database.schema);
    this.deadlines.register(
      ACTIVATION_DUE,
      activationDeadlineHandler(this.commands),
      openActivationDeadlines(this.db, this.config.database.schema),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.timers = this.store.subscribe(
      ACTIVATION_TIMERS_SUBSCRIPTION,
      (event) =>
        followActivationDeadline(event, this.scheduler, (stream) => this.store.readStream(stream)),
      { onError: (error) => this.logger.error(`Activation timers stopped: ${errorName(error)}`) },
    );
    this.lagTimer = setInterval(() => void this.reportLag(), 15_000);
    this.lagTimer.unref();
  }

  /** For tests and operations: resolves once the read model and the timers have seen the log. */
  async caughtUp(): Promise<void> {
    await this.timers?.caughtUp();
    await this.projection.caughtUp();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.timers?.stop();
    await this.projection.stop();
  }

  private async reportLag(): Promise<void> {
    const lag = await this.projection.lag().catch(() => null);
    if (lag?.eventsBehind !== null && lag?.eventsBehind !== undefined)
      this.metrics.setProjectionLag(activationsListProjection.name, lag.eventsBehind);
  }
}

@Module({
  imports: [TimersWorkerModule],
  providers: [ActivationsBackground],
  exports: [ActivationsBackground],
})
export class ActivationsWorkerModule {}
