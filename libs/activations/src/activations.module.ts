import { Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AuditCatalog } from '@sportello/audit';
import {
  CommandHandler,
  EventSchemaRegistry,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { WhatIfRegistry } from '@sportello/policies';
import { activationEventSchemas } from './activation.schemas';
import { createActivationTables } from './activations.tables';
import { ACTIVATION_POLICIES, ActivationPolicies } from './application/activation-policies.port';
import { ActivationQueries } from './application/queries/activation-queries';
import { ActivationReferences } from './application/references/activation-references';
import { ActivationWhatIf } from './application/what-if/activation-what-if';
import { ActivationsHttpController } from './http/activations.http.controller';
import { ActivationPoliciesModule } from './policies/activation-policies.module';
import { activationDecider } from './domain/activation.decider';
import { activationsListProjection } from './read-models/activations-list.projection';

const schemaOf = (config: PlatformConfig) => config.database.schema;

/** Activation and relocation requests over HTTP: the commands, the list and the detail with its
 * deadline explanation, indemnity and timeline; the what-if contributor for candidate policies. */
@Module({
  imports: [ActivationPoliciesModule],
  controllers: [ActivationsHttpController],
  providers: [
    {
      provide: ActivationReferences,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new ActivationReferences(db, schemaOf(c)),
    },
    {
      provide: ActivationQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new ActivationQueries(db, schemaOf(c)),
    },
  ],
})
export class ActivationsModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    private readonly whatIf: WhatIfRegistry,
    private readonly handler: CommandHandler,
    @Inject(ACTIVATION_POLICIES) private readonly policies: ActivationPolicies,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(activationEventSchemas));
    this.whatIf.register(
      new ActivationWhatIf(this.db, schemaOf(this.config), this.handler, this.policies),
    );
    await createActivationTables(this.db, schemaOf(this.config));
    this.audit?.register({
      streams: [{ kind: 'activation', streamPrefix: 'activation-', decider: activationDecider }],
      projections: [activationsListProjection],
    });
  }
}
