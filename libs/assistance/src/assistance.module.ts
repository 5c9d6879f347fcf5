import { Inject, Logger, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AuditCatalog } from '@sportello/audit';
import { EventSchemaRegistry, SQL_EXECUTOR, SqlExecutor } from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { assistanceEventSchemas } from './assistance.schemas';
import { createAssistanceTables } from './assistance.tables';
import { AssistanceCommands } from './application/assistance-commands';
import { AssistanceQueries } from './application/queries/assistance-queries';
import { AssistanceReferences } from './application/references/assistance-references';
import { resolveAssistanceTokenConfig } from './application/tokens/assistance-token-config';
import { ImpersonationTokens } from './application/tokens/impersonation-tokens';
import { AssistanceSupervisionHttpController } from './http/assistance-supervision.http.controller';
import { AssistanceTicketsHttpController } from './http/assistance-tickets.http.controller';
import { ImpersonationHttpController } from './http/impersonation.http.controller';
import { OnlinePlatformHttpController } from './http/online-platform.http.controller';
import { RemoteAssistanceHttpController } from './http/remote-assistance.http.controller';
import { AssistanceProfilesModule } from './policies/assistance-profiles.module';
import { assistanceDecider } from './domain/assistance.decider';
import { assistanceTicketsProjection } from './read-models/assistance-tickets.projection';

const schemaOf = (config: PlatformConfig) => config.database.schema;

function impersonationTokens(platform: PlatformConfig): ImpersonationTokens {
  const config = resolveAssistanceTokenConfig(process.env, platform.env);
  if (config.key.generated)
    new Logger('AssistanceModule').warn(
      'ASSISTANCE_SIGNING_KEY is not set: an Ed25519 key for impersonation tokens was generated in memory (development only; tokens die with the process)',
    );
  return new ImpersonationTokens(config);
}

/**
 * Assistance tickets over HTTP: tickets and their people, consents, impersonation sessions with
 * their signed tokens, remote sessions, closure; the JWKS, introspection and activity reports for
 * the online platform; the audit view and the conduct alerts.
 */
@Module({
  imports: [AssistanceProfilesModule],
  controllers: [
    AssistanceTicketsHttpController,
    ImpersonationHttpController,
    RemoteAssistanceHttpController,
    OnlinePlatformHttpController,
    AssistanceSupervisionHttpController,
  ],
  providers: [
    AssistanceCommands,
    {
      provide: AssistanceReferences,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new AssistanceReferences(db, schemaOf(c)),
    },
    {
      provide: AssistanceQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new AssistanceQueries(db, schemaOf(c)),
    },
    { provide: ImpersonationTokens, inject: [PLATFORM_CONFIG], useFactory: impersonationTokens },
  ],
})
export class AssistanceModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(assistanceEventSchemas));
    await createAssistanceTables(this.db, schemaOf(this.config));
    this.audit?.register({
      streams: [{ kind: 'assistance', streamPrefix: 'assistance-', decider: assistanceDecider }],
      projections: [assistanceTicketsProjection],
    });
  }
}
