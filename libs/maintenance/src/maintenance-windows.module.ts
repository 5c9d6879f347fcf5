import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AuditCatalog } from '@sportello/audit';
import { EventSchemaRegistry, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { MaintenanceQueries } from './application/queries/maintenance-queries';
import { MaintenanceWindowReferences } from './application/references/maintenance-window-references';
import { MaintenanceWindowsHttpController } from './http/maintenance-windows.http.controller';
import { maintenanceEventSchemas } from './maintenance.schemas';
import { createMaintenanceTables } from './maintenance.tables';
import { MaintenancePoliciesModule } from './policies/maintenance-policies.module';
import { maintenanceDecider } from './domain/maintenance.decider';
import { maintenanceWindowsProjection } from './read-models/maintenance-windows.projection';

const schemaOf = (config: PlatformConfig) => config.database.schema;

/** Planned maintenance over HTTP: windows, notices, the notice verdicts and the indemnity per
 * affected line. (Named apart from the platform's own operational MaintenanceModule.) */
@Module({
  imports: [MaintenancePoliciesModule],
  controllers: [MaintenanceWindowsHttpController],
  providers: [
    {
      provide: MaintenanceWindowReferences,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) =>
        new MaintenanceWindowReferences(db, schemaOf(c)),
    },
    {
      provide: MaintenanceQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new MaintenanceQueries(db, schemaOf(c)),
    },
  ],
})
export class MaintenanceWindowsModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(maintenanceEventSchemas));
    await createMaintenanceTables(this.db, schemaOf(this.config));
    this.audit?.register({
      streams: [
        {
          kind: 'maintenance-window',
          streamPrefix: 'maintenance-window-',
          decider: maintenanceDecider,
        },
      ],
      projections: [maintenanceWindowsProjection],
    });
  }
}
