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
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import {
  BILLING_INCIDENT_POLICIES,
  BillingIncidentPolicies,
} from './application/billing-incident-policies.port';
import { issuePlanWhenNotified } from './application/issuing-recovery-plans/issue-plan-when-notified';
import { billingIncidentStreamSchemas } from './billing-incidents.schemas';
import { createBillingIncidentTables } from './billing-incidents.tables';
import { BillingIncidentPoliciesModule } from './policies/billing-incident-policies.module';
import { billingIncidentsProjection } from './read-models/billing-incidents.projection';

export const RECOVERY_PLANS_SUBSCRIPTION = 'billing-recovery-plans';

/**
 * The billing incidents' background work: the incidents and recoveries read model, and the
 * reactor that issues each customer's recovery plan once the SMS notice is in their stream.
 */
@Injectable()
export class BillingIncidentsBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(BillingIncidentsBackground.name);
  private readonly projection: ProjectionRunner;
  private planner: Subscription | null = null;

  constructor(
    private readonly registry: EventSchemaRegistry,
    private readonly store: SealingEventStore,
    private readonly commands: CommandHandler,
    @Inject(BILLING_INCIDENT_POLICIES) private readonly policies: BillingIncidentPolicies,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.projection = new ProjectionRunner(db, store, billingIncidentsProjection, {
      schema: config.database.schema,
      onError: (error) =>
        this.logger.error(`Projection billing_incidents stopped: ${errorName(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(...billingIncidentStreamSchemas);
    await createBillingIncidentTables(this.db, this.config.database.schema);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projection.start();
    this.planner = this.store.subscribe(
      RECOVERY_PLANS_SUBSCRIPTION,
      issuePlanWhenNotified(this.commands, this.policies, this.logger),
      {
        onError: (error, event) =>
          this.logger.error(`Recovery planner stopped at event ${event.id}: ${errorName(error)}`),
      },
    );
  }

  /** For tests and operations: resolves once the read model and the planner have seen the log. */
  async caughtUp(): Promise<void> {
    await this.planner?.caughtUp();
    await this.projection.caughtUp();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.planner?.stop();
    await this.projection.stop();
  }
}

/** Only the error's class: messages of lower layers may quote data. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}

@Module({
  imports: [BillingIncidentPoliciesModule],
  providers: [BillingIncidentsBackground],
  exports: [BillingIncidentsBackground],
})
export class BillingIncidentsWorkerModule {}
