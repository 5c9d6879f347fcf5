import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import {
  CommandHandler,
  EventSchemaRegistry,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { MetricsService, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { TicketBackground } from '@sportello/tickets';
import { DeadlineRegistry, DeadlineScheduler, TimersWorkerModule } from '@sportello/timers';
import {
  FAULT_DEADLINE_EVENTS,
  FAULT_REPAIR_DUE,
  faultRepairDeadlineHandler,
  followFaultDeadline,
  openFaultDeadlines,
} from './application/deadlines/fault-repair-deadline';
import { FAULT_POLICIES, FaultPolicies } from './application/fault-policies.port';
import {
  applyOutagesToFaults,
  OUTAGE_FAULTS_SUBSCRIPTION,
  OUTAGE_REACTOR_EVENTS,
} from './application/outages/apply-outages-to-faults';
import { faultStreamSchemas } from './fault.schemas';
import { createFaultTables } from './faults.tables';
import { FaultPoliciesModule } from './policies/fault-policies.module';
import { faultsListProjection } from './read-models/faults-list.projection';

export const FAULT_TIMERS_SUBSCRIPTION = 'fault-deadline-timers';

/**
 * The faults' background work: the faults read model, the repair-deadline timers that follow
 * the log (armed, moved and cancelled by events, fired by BullMQ, re-armed by the reconciler),
 * and the reactor that carries an outage to its faults.
 */
@Injectable()
export class FaultsBackground extends TicketBackground {
  constructor(
    registry: EventSchemaRegistry,
    store: SealingEventStore,
    commands: CommandHandler,
    deadlines: DeadlineRegistry,
    scheduler: DeadlineScheduler,
    metrics: MetricsService,
    @Inject(FAULT_POLICIES) policies: FaultPolicies,
    @Inject(SQL_EXECUTOR) db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    const schema = config.database.schema;
    super({
      name: FaultsBackground.name,
      registry,
      schemas: faultStreamSchemas,
      db,
      schema,
      createTables: createFaultTables,
      store,
      projection: faultsListProjection,
      metrics,
      deadline: {
        registry: deadlines,
        kind: FAULT_REPAIR_DUE,
        handler: faultRepairDeadlineHandler(commands),
        open: openFaultDeadlines(db, schema),
      },
      followers: [
        {
          subscription: FAULT_TIMERS_SUBSCRIPTION,
          label: 'Fault timers',
          handle: (event) =>
            followFaultDeadline(event, scheduler, (stream) => store.readStream(stream)),
          eventTypes: FAULT_DEADLINE_EVENTS,
        },
        {
          subscription: OUTAGE_FAULTS_SUBSCRIPTION,
          label: 'Outage reactor',
          handle: applyOutagesToFaults(commands, policies, new Logger(FaultsBackground.name)),
          eventTypes: OUTAGE_REACTOR_EVENTS,
          namesEvent: true,
        },
      ],
    });
  }
}

@Module({
  imports: [TimersWorkerModule, FaultPoliciesModule],
  providers: [FaultsBackground],
  exports: [FaultsBackground],
})
export class FaultsWorkerModule {}
