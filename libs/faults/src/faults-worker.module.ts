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
import {
  FAULT_REPAIR_DUE,
  faultRepairDeadlineHandler,
  followFaultDeadline,
  openFaultDeadlines,
} from './application/deadlines/fault-repair-deadline';
import { FAULT_POLICIES, FaultPolicies } from './application/fault-policies.port';
import {
  applyOutagesToFaults,
  OUTAGE_FAULTS_SUBSCRIPTION,
} from './application/outages/apply-outages-to-faults';
import { faultStreamSchemas } from './fault.schemas';
import { createFaultTables } from './faults.tables';
import { FaultPoliciesModule } from './policies/fault-policies.module';
import { faultsListProjection } from './read-models/faults-list.projection';

export const FAULT_TIMERS_SUBSCRIPTION = 'fault-deadline-timers';

/** Only the error's class: messages of lower layers may quote data. */
const errorName = (error: unknown) => (error instanceof Error ? error.name : 'unknown error');

/**
 * The faults' background work: the faults read model, the repair-deadline timers that follow
 * the log (armed, moved and cancelled by events, fired by BullMQ, re-armed by the reconciler),
 * and the reactor that carries an outage to its faults.
 */
@Injectable()
export class FaultsBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(FaultsBackground.name);
  private readonly projection: ProjectionRunner;
  private timers: Subscription | null = null;
  private outages: Subscription | null = null;
  private lagTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: EventSchemaRegistry,
    private readonly store: SealingEventStore,
    private readonly commands: CommandHandler,
    private readonly deadlines: DeadlineRegistry,
    private readonly scheduler: DeadlineScheduler,
    private readonly metrics: MetricsService,
    @Inject(FAULT_POLICIES) private readonly policies: FaultPolicies,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.projection = new ProjectionRunner(db, store, faultsListProjection, {
      schema: config.database.schema,
      onError: (error) => this.logger.error(`Projection faults_list stopped: ${errorName(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...faultStreamSchemas);
    await createFaultTables(this.db, this.config.database.schema);
    this.deadlines.register(
      FAULT_REPAIR_DUE,
      faultRepairDeadlineHandler(this.commands),
      openFaultDeadlines(this.db, this.config.database.schema),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.timers = this.store.subscribe(
      FAULT_TIMERS_SUBSCRIPTION,
      (event) =>
        followFaultDeadline(event, this.scheduler, (stream) => this.store.readStream(stream)),
      { onError: (error) => this.logger.error(`Fault timers stopped: ${errorName(error)}`) },
    );
    this.outages = this.store.subscribe(
      OUTAGE_FAULTS_SUBSCRIPTION,
      applyOutagesToFaults(this.commands, this.policies, this.logger),
      {
        onError: (error, event) =>
          this.logger.error(`Outage reactor stopped at event ${event.id}: ${errorName(error)}`),
      },
    );
    this.lagTimer = setInterval(() => void this.reportLag(), 15_000);
    this.lagTimer.unref();
  }

  /** For tests and operations: resolves once the read model and the followers have seen the log. */
  async caughtUp(): Promise<void> {
    await this.outages?.caughtUp();
    await this.timers?.caughtUp();
    await this.projection.caughtUp();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.outages?.stop();
    await this.timers?.stop();
    await this.projection.stop();
  }

  private async reportLag(): Promise<void> {
    const lag = await this.projection.lag().catch(() => null);
    if (lag?.eventsBehind !== null && lag?.eventsBehind !== undefined)
      this.metrics.setProjectionLag(faultsListProjection.name, lag.eventsBehind);
  }
}

@Module({
  imports: [TimersWorkerModule, FaultPoliciesModule],
  providers: [FaultsBackground],
  exports: [FaultsBackground],
})
export class FaultsWorkerModule {}
