import {
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import {
  EventSchema,
  EventSchemaRegistry,
  Projection,
  ProjectionRunner,
  SealingEventStore,
  SqlExecutor,
  Subscription,
  SubscriptionHandler,
} from '@sportello/eventstore';
import { MetricsService } from '@sportello/platform';
import { DeadlineHandler, DeadlineRegistry, OpenDeadlineSource } from '@sportello/timers';

const LAG_REPORT_MS = 15_000;

/** Only the error's class: messages of lower layers may quote data. */
export const errorName = (error: unknown) =>
  error instanceof Error ? error.name : 'unknown error';

/** A subscription beside the read model: deadline timers, or a reactor that issues commands. */
export interface LogFollower {
  /** Its checkpoint is kept under this name. */
  subscription: string;
  /** How the log names it when it stops: `Fault timers`. */
  label: string;
  handle: SubscriptionHandler;
  /** The event types `handle` acts on; the others are passed over unopened. */
  eventTypes: readonly string[];
  /** A reactor says at which event it stopped. */
  namesEvent?: boolean;
}

export interface TicketBackgroundSetup {
  /** The logger's context: the subclass's name. */
  name: string;
  registry: EventSchemaRegistry;
  schemas: EventSchema[];
  db: SqlExecutor;
  schema: string;
  createTables: (db: SqlExecutor, schema: string) => Promise<void>;
  store: SealingEventStore;
  projection: Projection;
  /** The projection's lag is reported every 15 s where metrics are given. */
  metrics?: MetricsService;
  /** The deadline kind the module's timers fire, registered with its handler and its source. */
  deadline?: {
    registry: DeadlineRegistry;
    kind: string;
    handler: DeadlineHandler;
    open: OpenDeadlineSource;
  };
  /** Started in this order after the projection; waited for and stopped in the reverse order. */
  followers?: LogFollower[];
  /** What the log says of a failure; the error's class unless said. */
  describeError?: (error: unknown) => string;
}

/**
 * A ticket module's background work, set up by its subclass: the schemas and tables at init, one
 * read model with its lag metric, and the followers of the log (deadline timers, reactors).
 */
export abstract class TicketBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  protected readonly logger: Logger;
  private readonly projection: ProjectionRunner;
  private followers: Subscription[] = [];
  private lagTimer: NodeJS.Timeout | null = null;

  protected constructor(private readonly setup: TicketBackgroundSetup) {
    this.logger = new Logger(setup.name);
    const describe = setup.describeError ?? errorName;
    this.projection = new ProjectionRunner(setup.db, setup.store, setup.projection, {
      schema: setup.schema,
      onError: (error) =>
        this.logger.error(`Projection ${setup.projection.name} stopped: ${describe(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    const { registry, schemas, createTables, db, schema, deadline } = this.setup;
    registry.register(...schemas);
    await createTables(db, schema);
    deadline?.registry.register(deadline.kind, deadline.handler, deadline.open);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { store, metrics, followers = [], describeError: describe = errorName } = this.setup;
    await this.projection.start();
    this.followers = followers.map(({ subscription, label, handle, eventTypes, namesEvent }) =>
      store.subscribe(subscription, handle, {
        eventTypes,
        onError: (error, event) =>
          this.logger.error(
            `${label} stopped${namesEvent ? ` at event ${event.id}` : ''}: ${describe(error)}`,
          ),
      }),
    );
    if (!metrics) return;
    this.lagTimer = setInterval(() => void this.reportLag(metrics), LAG_REPORT_MS);
    this.lagTimer.unref();
  }

  /** For tests and operations: resolves once the followers and the read model have seen the log. */
  async caughtUp(): Promise<void> {
    for (const follower of [...this.followers].reverse()) await follower.caughtUp();
    await this.projection.caughtUp();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    for (const follower of [...this.followers].reverse()) await follower.stop();
    await this.projection.stop();
  }

  private async reportLag(metrics: MetricsService): Promise<void> {
    const lag = await this.projection.lag().catch(() => null);
    if (lag?.eventsBehind !== null && lag?.eventsBehind !== undefined)
      metrics.setProjectionLag(this.setup.projection.name, lag.eventsBehind);
  }
}
