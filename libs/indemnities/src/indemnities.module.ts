import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AuditCatalog } from '@sportello/audit';
import { EventSchemaRegistry, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { PolicyCatalog, PolicyCatalogModule } from '@sportello/policies';
import { IndemnityQueries } from './application/queries/indemnity-queries';
import { IndemnitiesHttpController } from './http/indemnities.http.controller';
import { indemnityEventSchemas } from './indemnities.schemas';
import { createIndemnityTables } from './indemnities.tables';
import { indemnityLedgerProjection } from './read-models/indemnity-ledger.projection';

/** The indemnity ledger over HTTP: lines, totals, CSV, crediting and reviews (IND-12). */
@Module({
  imports: [PolicyCatalogModule],
  controllers: [IndemnitiesHttpController],
  providers: [
    {
      provide: IndemnityQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG, PolicyCatalog],
      useFactory: (db: SqlExecutor, c: PlatformConfig, catalog: PolicyCatalog) =>
        new IndemnityQueries(db, c.database.schema, catalog),
    },
  ],
})
export class IndemnitiesModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(indemnityEventSchemas));
    await createIndemnityTables(this.db, this.config.database.schema);
    // The ledger's events live on the ticket streams, whose kinds the ticket modules register.
    this.audit?.register({ projections: [indemnityLedgerProjection] });
  }
}
