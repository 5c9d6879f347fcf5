import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AuditCatalog } from '@sportello/audit';
import { EventSchemaRegistry, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { DirectoryErrorQueries } from './application/queries/directory-error-queries';
import { DirectoryErrorReferences } from './application/references/directory-error-references';
import { directoryEventSchemas } from './directory.schemas';
import { createDirectoryTables } from './directory.tables';
import { DirectoryErrorsHttpController } from './http/directory-errors.http.controller';
import { DirectoryPoliciesModule } from './policies/directory-policies.module';
import { directoryDecider } from './domain/directory.decider';
import { directoryErrorsProjection } from './read-models/directory-errors.projection';

const schemaOf = (config: PlatformConfig) => config.database.schema;

/** Directory errors over HTTP: record, attribute, correct; the detail with the flat indemnity. */
@Module({
  imports: [DirectoryPoliciesModule],
  controllers: [DirectoryErrorsHttpController],
  providers: [
    {
      provide: DirectoryErrorReferences,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) =>
        new DirectoryErrorReferences(db, schemaOf(c)),
    },
    {
      provide: DirectoryErrorQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) =>
        new DirectoryErrorQueries(db, schemaOf(c)),
    },
  ],
})
export class DirectoryErrorsModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(directoryEventSchemas));
    await createDirectoryTables(this.db, schemaOf(this.config));
    this.audit?.register({
      streams: [
        { kind: 'directory-error', streamPrefix: 'directory-error-', decider: directoryDecider },
      ],
      projections: [directoryErrorsProjection],
    });
  }
}
