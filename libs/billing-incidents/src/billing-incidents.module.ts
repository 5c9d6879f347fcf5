import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { EventSchemaRegistry, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { BillingIncidentQueries } from './application/queries/billing-incident-queries';
import { billingIncidentStreamSchemas } from './billing-incidents.schemas';
import { createBillingIncidentTables } from './billing-incidents.tables';
import { BillingIncidentsHttpController } from './http/billing-incidents.http.controller';
import { BillingIncidentPoliciesModule } from './policies/billing-incident-policies.module';

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
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...billingIncidentStreamSchemas);
    await createBillingIncidentTables(this.db, this.config.database.schema);
  }
}
