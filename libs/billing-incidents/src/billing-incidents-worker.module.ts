import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import {
  CommandHandler,
  EventSchemaRegistry,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { TicketBackground } from '@sportello/tickets';
import {
  BILLING_INCIDENT_POLICIES,
  BillingIncidentPolicies,
} from './application/billing-incident-policies.port';
import {
  issuePlanWhenNotified,
  RECOVERY_NOTICE_EVENTS,
} from './application/issuing-recovery-plans/issue-plan-when-notified';
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
export class BillingIncidentsBackground extends TicketBackground {
  constructor(
    registry: EventSchemaRegistry,
    store: SealingEventStore,
    commands: CommandHandler,
    @Inject(BILLING_INCIDENT_POLICIES) policies: BillingIncidentPolicies,
    @Inject(SQL_EXECUTOR) db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    super({
      name: BillingIncidentsBackground.name,
      registry,
      schemas: billingIncidentStreamSchemas,
      db,
      schema: config.database.schema,
      createTables: createBillingIncidentTables,
      store,
      projection: billingIncidentsProjection,
      followers: [
        {
          subscription: RECOVERY_PLANS_SUBSCRIPTION,
          label: 'Recovery planner',
          handle: issuePlanWhenNotified(
            commands,
            policies,
            new Logger(BillingIncidentsBackground.name),
          ),
          eventTypes: RECOVERY_NOTICE_EVENTS,
          namesEvent: true,
        },
      ],
    });
  }
}

@Module({
  imports: [BillingIncidentPoliciesModule],
  providers: [BillingIncidentsBackground],
  exports: [BillingIncidentsBackground],
})
export class BillingIncidentsWorkerModule {}
