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
import { PolicyCatalog, PolicyCatalogModule } from '@sportello/policies';
import { RestartingSubscription } from '@sportello/billing/application/restarting-subscription';
import {
  INDEMNITY_ASSESSMENT_REACTOR,
  IndemnityAssessmentReactor,
} from './application/assessing/indemnity-assessment-reactor';
import { pinnedPolicies } from './application/rates/pinned-policies';
import { indemnityEventSchemas } from './indemnities.schemas';
import { createIndemnityTables } from './indemnities.tables';
import { indemnityLedgerProjection } from './read-models/indemnity-ledger.projection';

/**
 * The ledger's background work: the reactor that appends `IndemnityAssessed` when a ticket's
 * obligation is fulfilled, and the ledger read model.
 */
@Injectable()
export class IndemnitiesBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(IndemnitiesBackground.name);
  private projection: ProjectionRunner;
  private readonly newRunner: () => ProjectionRunner;
  private projectionRetry: NodeJS.Timeout | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly reactor: RestartingSubscription;

  constructor(
    private readonly registry: EventSchemaRegistry,
    store: SealingEventStore,
    catalog: PolicyCatalog,
    private readonly metrics: MetricsService,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.newRunner = () =>
      new ProjectionRunner(db, store, indemnityLedgerProjection, {
        schema: config.database.schema,
        onError: (error) => this.projectionFailed(error),
      });
    this.projection = this.newRunner();
    const assessor = new IndemnityAssessmentReactor(store, pinnedPolicies(catalog));
    this.reactor = new RestartingSubscription(
      store,
      INDEMNITY_ASSESSMENT_REACTOR,
      (event) => assessor.handle(event),
      (error) => this.logger.error(`Indemnity assessment reactor stopped: ${String(error)}`),
    );
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(indemnityEventSchemas));
    await createIndemnityTables(this.db, this.config.database.schema);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.reactor.start();
    this.lagTimer = setInterval(() => void this.reportLag(), 15_000);
    this.lagTimer.unref();
  }

  /** For tests and operations: resolves once the reactor and the ledger have seen the log. */
  async caughtUp(): Promise<void> {
    await this.reactor.caughtUp();
    await this.projection.caughtUp();
  }

  private projectionFailed(error: unknown): void {
    this.logger.error(`Projection indemnity_ledger stopped: ${String(error)}`);
    if (this.stopping) return;
    this.projectionRetry = setTimeout(() => {
      this.projection = this.newRunner();
      this.projection.start().catch((e: unknown) => this.projectionFailed(e));
    }, 5_000);
    this.projectionRetry.unref();
  }

  private async reportLag(): Promise<void> {
    const lag = await this.projection.lag().catch(() => null);
    if (lag?.eventsBehind !== null && lag?.eventsBehind !== undefined)
      this.metrics.setProjectionLag(indemnityLedgerProjection.name, lag.eventsBehind);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.projectionRetry) clearTimeout(this.projectionRetry);
    if (this.lagTimer) clearInterval(this.lagTimer);
    await this.reactor.stop();
    await this.projection.stop();
  }
}

@Module({
  imports: [PolicyCatalogModule],
  providers: [IndemnitiesBackground],
  exports: [IndemnitiesBackground],
})
export class IndemnitiesWorkerModule {}
