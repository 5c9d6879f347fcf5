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
  COMPLAINT_ANSWER_DUE,
  complaintAnswerDeadlineHandler,
  followComplaintDeadline,
  openComplaintDeadlines,
} from './application/deadlines/complaint-answer-deadline';
import { complaintEventSchemas } from './complaint.schemas';
import { createComplaintTables } from './complaints.tables';
import { complaintsListProjection } from './read-models/complaints-list.projection';

/**
 * The complaints' background work: the list read model, and the answer-deadline timers that
 * follow the log (armed, moved and cancelled by events, fired by BullMQ, re-armed by the
 * reconciler).
 */
@Injectable()
export class ComplaintsBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(ComplaintsBackground.name);
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
    this.projection = new ProjectionRunner(db, store, complaintsListProjection, {
      schema: config.database.schema,
      onError: (error) => this.logger.error(`Projection complaints_list stopped: ${String(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(complaintEventSchemas));
    await createComplaintTables(this.db, this.config.database.schema);
    this.deadlines.register(
      COMPLAINT_ANSWER_DUE,
      complaintAnswerDeadlineHandler(this.commands),
      openComplaintDeadlines(this.db, this.config.database.schema),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.timers = this.store.subscribe(
      'complaint-deadline-timers',
      (event) => followComplaintDeadline(event, this.scheduler),
      {
        onError: (error) => this.logger.error(`Complaint timers stopped: ${String(error)}`),
      },
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
      this.metrics.setProjectionLag(complaintsListProjection.name, lag.eventsBehind);
  }
}

@Module({
  imports: [TimersWorkerModule],
  providers: [ComplaintsBackground],
  exports: [ComplaintsBackground],
})
export class ComplaintsWorkerModule {}
