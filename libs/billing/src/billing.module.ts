import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AuditCatalog } from '@sportello/audit';
import { EventSchemaRegistry, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { BillingAccountQueries } from './application/queries/billing-account-queries';
import { billingEventSchemas } from './billing.schemas';
import { createBillingTables } from './billing.tables';
import { BillingAccountsHttpController } from './http/billing-accounts.http.controller';
import { LegalInterestRatesHttpController } from './http/legal-interest-rates.http.controller';
import { billingProviders } from './policies/billing-policies.providers';
import { BILLING_ACCOUNT_STREAM_PREFIX } from './application/accounts/billing-account-stream';
import { billingAccountDecider } from './domain/billing-account.decider';
import { billingAccountsProjection } from './read-models/billing-accounts.projection';

/** The billing ledger over HTTP: accounts, invoices, payments, and the legal rates. */
@Module({
  controllers: [BillingAccountsHttpController, LegalInterestRatesHttpController],
  providers: [
    ...billingProviders,
    {
      provide: BillingAccountQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) =>
        new BillingAccountQueries(db, c.database.schema),
    },
  ],
})
export class BillingModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(billingEventSchemas));
    await createBillingTables(this.db, this.config.database.schema);
    this.audit?.register({
      streams: [
        {
          kind: 'billing-account',
          streamPrefix: BILLING_ACCOUNT_STREAM_PREFIX,
          decider: billingAccountDecider,
        },
      ],
      projections: [billingAccountsProjection],
    });
  }
}
