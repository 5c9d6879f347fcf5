import { Inject, Injectable, Module } from '@nestjs/common';
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
  COMPLAINT_ANSWER_DUE,
  COMPLAINT_DEADLINE_EVENTS,
  complaintAnswerDeadlineHandler,
  followComplaintDeadline,
  openComplaintDeadlines,
} from './application/deadlines/complaint-answer-deadline';
import { complaintEventSchemas } from './complaint.schemas';
import { createComplaintTables } from './complaints.tables';
import { complaintsListProjection } from './read-models/complaints-list.projection';

/**
 * The complaints' background work: the list read model, and the answer-deadline timers that
 * follow the log (armed, moved and cancelled by events, fired by BullMQ, re-armed by the
 * reconciler).
 */
@Injectable()
export class ComplaintsBackground extends TicketBackground {
  constructor(
    registry: EventSchemaRegistry,
    store: SealingEventStore,
    commands: CommandHandler,
    deadlines: DeadlineRegistry,
    scheduler: DeadlineScheduler,
    metrics: MetricsService,
    @Inject(SQL_EXECUTOR) db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    const schema = config.database.schema;
    super({
      name: ComplaintsBackground.name,
      registry,
      schemas: Object.values(complaintEventSchemas),
      db,
      schema,
      createTables: createComplaintTables,
      store,
      projection: complaintsListProjection,
      metrics,
      deadline: {
        registry: deadlines,
        kind: COMPLAINT_ANSWER_DUE,
        handler: complaintAnswerDeadlineHandler(commands),
        open: openComplaintDeadlines(db, schema),
      },
      followers: [
        {
          subscription: 'complaint-deadline-timers',
          label: 'Complaint timers',
          handle: (event) => followComplaintDeadline(event, scheduler),
          eventTypes: COMPLAINT_DEADLINE_EVENTS,
        },
      ],
      describeError: String,
    });
  }
}

@Module({
  imports: [TimersWorkerModule],
  providers: [ComplaintsBackground],
  exports: [ComplaintsBackground],
})
export class ComplaintsWorkerModule {}
