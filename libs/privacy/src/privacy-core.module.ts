import { Inject, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Clock, CLOCK } from '@sportello/clock';
import {
  CommandHandler,
  EventSchemaRegistry,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
  SqlKeyVault,
} from '@sportello/eventstore';
import { CommandGateway, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { AccessLog } from './access/access-log';
import { PrivacyCommands } from './application/commands/privacy-commands';
import { ReadModelScrubbers } from './application/erasing/read-model-scrubbers';
import { SubjectErasure } from './application/erasing/subject-erasure';
import { SubjectExporter } from './application/exporting/subject-exporter';
import { SubjectStreams } from './application/records/subject-streams';
import { SubjectRectification } from './application/rectifying/subject-rectification';
import { Retention } from './application/retention/retention';
import { PRIVACY_CONFIG, PrivacyConfig } from './config/privacy-config';
import { PrivacyPolicy } from './domain/privacy-policy';
import { loadPrivacyPolicy, PRIVACY_POLICY } from './policies/privacy-policy.loader';
import { dataSubjectEventSchemas } from './privacy.schemas';
import { createPrivacyTables } from './privacy.tables';
import { SubjectRegistry } from './registry/subject-registry';
import { SubjectRegistryModule } from './registry/subject-registry.module';

const schemaOf = (c: PlatformConfig) => c.database.schema;
const logger = new Logger('Privacy');

/**
 * What the privacy API and the privacy worker share: the policy, the subject's streams, the
 * access log, export, erasure, rectification and retention.
 */
@Module({
  imports: [SubjectRegistryModule],
  providers: [
    {
      provide: PRIVACY_POLICY,
      inject: [PRIVACY_CONFIG],
      useFactory: (config: PrivacyConfig) => loadPrivacyPolicy(config.policiesDir),
    },
    {
      provide: SubjectStreams,
      inject: [SQL_EXECUTOR, SealingEventStore, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, store: SealingEventStore, c: PlatformConfig) =>
        new SubjectStreams(db, store, schemaOf(c)),
    },
    {
      provide: AccessLog,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG, CLOCK],
      useFactory: (db: SqlExecutor, c: PlatformConfig, clock: Clock) =>
        new AccessLog(db, schemaOf(c), clock, (error) =>
          logger.error(`The access log could not be written: ${(error as Error).name}`),
        ),
    },
    {
      provide: PrivacyCommands,
      inject: [CommandGateway, CommandHandler],
      useFactory: (gateway: CommandGateway, handler: CommandHandler) =>
        new PrivacyCommands(gateway, handler),
    },
    { provide: ReadModelScrubbers, useFactory: () => new ReadModelScrubbers() },
    {
      provide: SubjectExporter,
      inject: [
        SQL_EXECUTOR,
        PLATFORM_CONFIG,
        SealingEventStore,
        SubjectStreams,
        SubjectRegistry,
        AccessLog,
        PRIVACY_POLICY,
        CLOCK,
      ],
      useFactory: (
        db: SqlExecutor,
        c: PlatformConfig,
        store: SealingEventStore,
        streams: SubjectStreams,
        registry: SubjectRegistry,
        accessLog: AccessLog,
        policy: PrivacyPolicy,
        clock: Clock,
      ) =>
        new SubjectExporter({
          db,
          schema: schemaOf(c),
          store,
          streams,
          registry,
          accessLog,
          policy,
          clock,
        }),
    },
    {
      provide: SubjectErasure,
      inject: [
        PrivacyCommands,
        SubjectStreams,
        SubjectRegistry,
        SqlKeyVault,
        ReadModelScrubbers,
        PRIVACY_POLICY,
        CLOCK,
      ],
      useFactory: (
        commands: PrivacyCommands,
        streams: SubjectStreams,
        registry: SubjectRegistry,
        vault: SqlKeyVault,
        scrubbers: ReadModelScrubbers,
        policy: PrivacyPolicy,
        clock: Clock,
      ) => new SubjectErasure({ commands, streams, registry, vault, scrubbers, policy, clock }),
    },
    {
      provide: SubjectRectification,
      inject: [PrivacyCommands, SubjectExporter, SubjectRegistry],
      useFactory: (c: PrivacyCommands, e: SubjectExporter, r: SubjectRegistry) =>
        new SubjectRectification(c, e, r),
    },
    {
      provide: Retention,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG, SubjectErasure, PRIVACY_POLICY, CLOCK],
      useFactory: (
        db: SqlExecutor,
        c: PlatformConfig,
        erasure: SubjectErasure,
        policy: PrivacyPolicy,
        clock: Clock,
      ) => new Retention(db, schemaOf(c), erasure, policy, clock),
    },
  ],
  exports: [
    PRIVACY_POLICY,
    SubjectStreams,
    AccessLog,
    PrivacyCommands,
    ReadModelScrubbers,
    SubjectExporter,
    SubjectErasure,
    SubjectRectification,
    Retention,
  ],
})
export class PrivacyCoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly registry: EventSchemaRegistry,
    private readonly accessLog: AccessLog,
    @Inject(PRIVACY_POLICY) private readonly policy: PrivacyPolicy,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(dataSubjectEventSchemas));
    await createPrivacyTables(this.db, schemaOf(this.config), this.policy);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.accessLog.flush();
  }
}
