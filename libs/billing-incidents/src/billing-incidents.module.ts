import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AuditCatalog } from '@sportello/audit';
import { EventSchemaRegistry, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { BillingIncidentQueries } from './application/queries/billing-incident-queries';
import { billingIncidentStreamSchemas } from './billing-incidents.schemas';
import { createBillingIncidentTables } from './billing-incidents.tables';
import { BillingIncidentsHttpController } from './http/billing-incidents.http.controller';
import { BillingIncidentPoliciesModule } from './policies/billing-incident-policies.module';
import {
  BILLING_INCIDENT_STREAM_PREFIX,
  BILLING_RECOVERY_STREAM_PREFIX,
} from './application/billing-incident-streams';
import { billingIncidentDecider } from './domain/billing-incident.decider';
import { billingRecoveryDecider } from './domain/billing-recovery.decider';
import { billingIncidentsProjection } from './read-models/billing-incidents.projection';

/** Billing incidents over HTTP (BIL-15, NTF-10, AMB-28): declare, add customers, follow recovery. */
@Module({
  imports: [BillingIncidentPoliciesModule],
  controllers: [BillingIncidentsHttpController],
  providers: [
    {
      provide: BillingIncidentQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) =>
        new BillingIncidentQueries(db, c.database.schema),
    },
  ],
})
export class BillingIncidentsModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...billingIncidentStreamSchemas);
    await createBillingIncidentTables(this.db, this.config.database.schema);
    this.audit?.register({
      streams: [
        {
          kind: 'billing-incident',
          streamPrefix: BILLING_INCIDENT_STREAM_PREFIX,
          decider: billingIncidentDecider,
        },
        {
          kind: 'billing-recovery',
          streamPrefix: BILLING_RECOVERY_STREAM_PREFIX,
          decider: billingRecoveryDecider,
        },
      ],
      projections: [billingIncidentsProjection],
    });
  }
}
