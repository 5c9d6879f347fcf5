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
import { COMPLAINT_POLICIES, ComplaintPolicies } from './application/complaint-policies.port';
import { ComplaintWhatIf } from './application/what-if/complaint-what-if';
import { ComplaintQueries } from './application/queries/complaint-queries';
import { TrackingCodes } from './application/tracking/tracking-codes';
import { complaintEventSchemas } from './complaint.schemas';
import { createComplaintTables } from './complaints.tables';
import { ComplaintsHttpController } from './http/complaints.http.controller';
import { ComplaintPoliciesModule } from './policies/complaint-policies.module';
import { complaintDecider } from './domain/complaint.decider';
import { complaintsListProjection } from './read-models/complaints-list.projection';

const schemaOf = (config: PlatformConfig) => config.database.schema;

/** Complaints over HTTP: the commands, the list and the detail with its timeline. */
@Module({
  imports: [ComplaintPoliciesModule],
  controllers: [ComplaintsHttpController],
  providers: [
    {
      provide: TrackingCodes,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new TrackingCodes(db, schemaOf(c)),
    },
    {
      provide: ComplaintQueries,
      inject: [SQL_EXECUTOR, PLATFORM_CONFIG],
      useFactory: (db: SqlExecutor, c: PlatformConfig) => new ComplaintQueries(db, schemaOf(c)),
    },
  ],
})
export class ComplaintsModule implements OnModuleInit {
  constructor(
    private readonly registry: EventSchemaRegistry,
    private readonly whatIf: WhatIfRegistry,
    private readonly handler: CommandHandler,
    @Inject(COMPLAINT_POLICIES) private readonly policies: ComplaintPolicies,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Optional() private readonly audit?: AuditCatalog,
  ) {}

  async onModuleInit(): Promise<void> {
    this.registry.register(...Object.values(complaintEventSchemas));
    this.whatIf.register(
      new ComplaintWhatIf(this.db, schemaOf(this.config), this.handler, this.policies),
    );
    await createComplaintTables(this.db, schemaOf(this.config));
    this.audit?.register({
      streams: [{ kind: 'complaint', streamPrefix: 'complaint-', decider: complaintDecider }],
      projections: [complaintsListProjection],
    });
  }
}
