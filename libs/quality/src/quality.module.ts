import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AuditCatalog } from '@sportello/audit';
import { SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { PolicyCatalog, PolicyCatalogModule } from '@sportello/policies';
import { QualityReports } from './application/quality-reports';
import { DashboardPageHttpController } from './http/dashboard-page.http.controller';
import { QualityHttpController } from './http/quality.http.controller';
import { createQualityTables } from './quality.tables';
import { qualityFactsProjection } from './read-models/quality-facts.projection';

/** The quality indicators (QUA-1…QUA-4) and the supervisors' dashboard over HTTP. */
@Module({
  imports: [PolicyCatalogModule],
  controllers: [QualityHttpController, DashboardPageHttpController],
  providers: [
    {
      provide: QualityReports,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG, PolicyCatalog],
      useFactory: (db: SqlExecutor, c: PlatformConfig, catalog: PolicyCatalog) =>
        new QualityReports(db, c.database.schema, catalog),
    },
  ],
})
export class QualityModule implements OnModuleInit {
  constructor(
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    await createQualityTables(this.db, this.config.database.schema);
    this.audit?.register({ projections: [qualityFactsProjection] });
  }
}
