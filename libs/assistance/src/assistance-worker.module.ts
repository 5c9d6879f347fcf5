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
import { assistanceEventSchemas } from './assistance.schemas';
import { createAssistanceTables } from './assistance.tables';
import {
  ASSISTANCE_CONSENT_EXPIRY,
  followSessionExpiry,
  liveSessionExpiries,
  SESSION_EXPIRY_EVENTS,
  sessionExpiryHandler,
} from './application/expiry/session-expiry';
import { assistanceTicketsProjection } from './read-models/assistance-tickets.projection';

export const ASSISTANCE_TIMERS_SUBSCRIPTION = 'assistance-consent-expiry-timers';

/**
 * The assistance background work: the read model, and the timers that end a session when its
 * consent runs out (armed by the log, fired by BullMQ, re-armed by the reconciler).
 */
@Injectable()
export class AssistanceBackground extends TicketBackground {
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
      name: AssistanceBackground.name,
      registry,
      schemas: Object.values(assistanceEventSchemas),
      db,
      schema,
      createTables: createAssistanceTables,
      store,
      projection: assistanceTicketsProjection,
      metrics,
      deadline: {
        registry: deadlines,
        kind: ASSISTANCE_CONSENT_EXPIRY,
        handler: sessionExpiryHandler(commands),
        open: liveSessionExpiries(db, schema),
      },
      followers: [
        {
          subscription: ASSISTANCE_TIMERS_SUBSCRIPTION,
          label: 'Assistance timers',
          handle: (event) =>
            event.stream.startsWith('assistance-')
              ? followSessionExpiry(event, scheduler)
              : Promise.resolve(),
          eventTypes: SESSION_EXPIRY_EVENTS,
        },
      ],
    });
  }
}

@Module({
  imports: [TimersWorkerModule],
  providers: [AssistanceBackground],
  exports: [AssistanceBackground],
})
export class AssistanceWorkerModule {}
