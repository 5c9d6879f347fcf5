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
import { assistanceEventSchemas } from './assistance.schemas';
import { createAssistanceTables } from './assistance.tables';
import {
  ASSISTANCE_CONSENT_EXPIRY,
  followSessionExpiry,
  liveSessionExpiries,
  sessionExpiryHandler,
} from './application/expiry/session-expiry';
import { assistanceTicketsProjection } from './read-models/assistance-tickets.projection';

export const ASSISTANCE_TIMERS_SUBSCRIPTION = 'assistance-consent-expiry-timers';

/** Only the error's class: messages of lower layers may quote data. */
const errorName = (error: unknown) => (error instanceof Error ? error.name : 'unknown error');

/**
 * The assistance background work: the read model, and the timers that end a session when its
 * consent runs out (armed by the log, fired by BullMQ, re-armed by the reconciler).
 */
@Injectable()
export class AssistanceBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(AssistanceBackground.name);
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
    this.projection = new ProjectionRunner(db, store, assistanceTicketsProjection, {
      schema: config.database.schema,
      onError: (error) =>
        this.logger.error(`Projection assistance_tickets stopped: ${errorName(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(assistanceEventSchemas));
    await createAssistanceTables(this.db, this.config.database.schema);
    this.deadlines.register(
      ASSISTANCE_CONSENT_EXPIRY,
      sessionExpiryHandler(this.commands),
      liveSessionExpiries(this.db, this.config.database.schema),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.timers = this.store.subscribe(
      ASSISTANCE_TIMERS_SUBSCRIPTION,
      (event) =>
        event.stream.startsWith('assistance-')
          ? followSessionExpiry(event, this.scheduler)
          : Promise.resolve(),
      { onError: (error) => this.logger.error(`Assistance timers stopped: ${errorName(error)}`) },
    );
    this.lagTimer = setInterval(() => void this.reportLag(), 15_000);
    this.lagTimer.unref();
  }

  /** For tests and operations: resolves once the read model and the timers have seen the log. */
  async caughtUp(): Promise<void> {
    await this.projection.caughtUp();
    await this.timers?.caughtUp();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.timers?.stop();
    await this.projection.stop();
  }

  private async reportLag(): Promise<void> {
    const lag = await this.projection.lag().catch(() => null);
    if (lag?.eventsBehind !== null && lag?.eventsBehind !== undefined)
      this.metrics.setProjectionLag(assistanceTicketsProjection.name, lag.eventsBehind);
  }
}

@Module({
  imports: [TimersWorkerModule],
  providers: [AssistanceBackground],
  exports: [AssistanceBackground],
})
export class AssistanceWorkerModule {}
