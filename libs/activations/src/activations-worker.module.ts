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
import { activationEventSchemas } from './activation.schemas';
import { createActivationTables } from './activations.tables';
import {
  ACTIVATION_DEADLINE_EVENTS,
  ACTIVATION_DUE,
  activationDeadlineHandler,
  followActivationDeadline,
  openActivationDeadlines,
} from './application/deadlines/activation-deadline-timer';
import { activationsListProjection } from './read-models/activations-list.projection';

export const ACTIVATION_TIMERS_SUBSCRIPTION = 'activation-deadline-timers';

/**
 * The activations' background work: the list read model, and the activation-deadline timers
 * that follow the log (armed, moved and cancelled by events, fired by BullMQ, re-armed by the
 * reconciler). Jobs carry the stream, the kind and the due instant only.
 */
@Injectable()
export class ActivationsBackground extends TicketBackground {
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
      name: ActivationsBackground.name,
      registry,
      schemas: Object.values(activationEventSchemas),
      db,
      schema,
      createTables: createActivationTables,
      store,
      projection: activationsListProjection,
      metrics,
      deadline: {
        registry: deadlines,
        kind: ACTIVATION_DUE,
        handler: activationDeadlineHandler(commands),
        open: openActivationDeadlines(db, schema),
      },
      followers: [
        {
          subscription: ACTIVATION_TIMERS_SUBSCRIPTION,
          label: 'Activation timers',
          handle: (event) =>
            followActivationDeadline(event, scheduler, (stream) => store.readStream(stream)),
          eventTypes: ACTIVATION_DEADLINE_EVENTS,
        },
      ],
    });
  }
}

@Module({
  imports: [TimersWorkerModule],
  providers: [ActivationsBackground],
  exports: [ActivationsBackground],
})
export class ActivationsWorkerModule {}
