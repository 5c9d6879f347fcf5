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
import { FAULT_POLICIES, FaultPolicies } from './application/fault-policies.port';
import { FaultQueries } from './application/queries/fault-queries';
import { FaultReferences } from './application/tracking/fault-references';
import { FaultWhatIf } from './application/what-if/fault-what-if';
import { faultStreamSchemas } from './fault.schemas';
import { createFaultTables } from './faults.tables';
import { FaultsHttpController } from './http/faults.http.controller';
import { OutagesHttpController } from './http/outages.http.controller';
import { FaultPoliciesModule } from './policies/fault-policies.module';
import { faultDecider } from './domain/fault.decider';
import { outageDecider } from './domain/outage.decider';
import { faultsListProjection } from './read-models/faults-list.projection';

const schemaOf = (config: PlatformConfig) => config.database.schema;

/** Faults and outages over HTTP: the commands, the lists and the details with their timelines. */
@Module({
  imports: [FaultPoliciesModule],
  controllers: [FaultsHttpController, OutagesHttpController],
  providers: [
    {
      provide: FaultReferences,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new FaultReferences(db, schemaOf(c)),
    },
    {
      provide: FaultQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new FaultQueries(db, schemaOf(c)),
    },
  ],
})
export class FaultsModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    private readonly whatIf: WhatIfRegistry,
    private readonly handler: CommandHandler,
    @Inject(FAULT_POLICIES) private readonly policies: FaultPolicies,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...faultStreamSchemas);
    this.whatIf.register(
      new FaultWhatIf(this.db, schemaOf(this.config), this.handler, this.policies),
    );
    await createFaultTables(this.db, schemaOf(this.config));
    this.audit?.register({
      streams: [
        { kind: 'fault', streamPrefix: 'fault-', decider: faultDecider },
        { kind: 'outage', streamPrefix: 'outage-', decider: outageDecider },
      ],
      projections: [faultsListProjection],
    });
  }
}
