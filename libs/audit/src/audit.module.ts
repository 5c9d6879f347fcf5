import { Module, OnModuleInit } from '@nestjs/common';
import {
  EventSchemaRegistry,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { auditSharedProviders } from './audit.providers';
import { auditEventSchemas } from './audit.schemas';
import { AuditCatalog } from './catalog/audit-catalog';
import { AuditCatalogModule } from './catalog/audit-catalog.module';
import { ProjectionAudit } from './comparing-projections/projection-audit';
import { AuditHttpController } from './http/audit.http.controller';
import { AuditLog } from './replaying/audit-log';
import { SqlErasureLookup } from './replaying/erasure-lookup';
import { DigestStore } from './signing-digests/digest-store';
import { TimeTravel } from './time-travelling/time-travel';

const schemaOf = (config: PlatformConfig) => config.database.schema;

/** `/v1/audit` for auditors (read-only) and, for the checks, administrators. */
@Module({
  imports: [AuditCatalogModule],
  controllers: [AuditHttpController],
  providers: [
    ...auditSharedProviders,
    {
      provide: AuditLog,
      inject: [SealingEventStore, SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (store: SealingEventStore, db: SqlExecutor, config: PlatformConfig) =>
        new AuditLog(
          store.storage,
          store.registry,
          new SqlErasureLookup(db, schemaOf(config)),
          store,
        ),
    },
    {
      provide: TimeTravel,
      inject: [AuditLog, AuditCatalog, SQL_EXECUTOR, SealingEventStore, PLATFORM_CONFIG],
      useFactory: (
        log: AuditLog,
        catalog: AuditCatalog,
        db: SqlExecutor,
        store: SealingEventStore,
        config: PlatformConfig,
      ) => new TimeTravel(log, catalog, db, store, schemaOf(config)),
    },
    {
      provide: ProjectionAudit,
      inject: [AuditCatalog, SQL_EXECUTOR, SealingEventStore, PLATFORM_CONFIG],
      useFactory: (
        catalog: AuditCatalog,
        db: SqlExecutor,
        store: SealingEventStore,
        config: PlatformConfig,
      ) => new ProjectionAudit(catalog, db, store, schemaOf(config)),
    },
  ],
})
export class AuditModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    private readonly digests: DigestStore,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...auditEventSchemas);
    await this.digests.init();
  }
}
