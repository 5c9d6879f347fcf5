import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Clock, CLOCK, TestClock } from '@sportello/clock';
import {
  EventSchemaRegistry,
  Projection,
  ProjectionRunner,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
} from '@sportello/eventstore';
import { MetricsService, PLATFORM_CONFIG, PlatformConfig } from '@sportello/platform';
import { Counter, Gauge } from 'prom-client';
import { LoggingChannel, LoggingSmsChannel } from './channels/logging-channels';
import { NOTIFICATION_CHANNELS_TOKEN, NotificationChannel } from './channels/notification-channel';
import { SmtpEmailChannel } from './channels/smtp-email.channel';
import { NotificationDispatcher } from './dispatching/notification-dispatcher';
import { NotificationChannelName } from './domain/customer-notified.event';
import { NotificationRuleRegistry } from './domain/notification-rule-registry';
import { NotificationOutbox } from './outbox/notification-outbox';
import { notificationOutboxProjection } from './outbox/notification-outbox.projection';
import {
  NOTIFICATIONS_CONFIG,
  NotificationsConfig,
  resolveNotificationsConfig,
} from './notifications.config';
import { customerNotifiedSchema } from './notifications.schemas';
import { createNotificationTables } from './notifications.tables';

type Channels = Map<NotificationChannelName, NotificationChannel>;

function channelsFor(config: NotificationsConfig): Channels {
  const logger = new Logger('Notifications');
  return new Map<NotificationChannelName, NotificationChannel>([
    [
      'email',
      config.smtp
        ? new SmtpEmailChannel({ url: config.smtp.url, from: config.smtp.from })
        : new LoggingChannel('email', logger),
    ],
    ['sms', new LoggingSmsChannel(logger)],
  ]);
}

/**
 * The notifications' background work: the outbox projection (notices enqueued from the log)
 * and the dispatcher (sent, then recorded as `CustomerNotified` on the ticket).
 */
@Injectable()
export class NotificationsBackground
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('Notifications');
  private readonly projection: Projection;
  private readonly runner: ProjectionRunner;
  private readonly dispatcher: NotificationDispatcher;
  readonly outbox: NotificationOutbox;
  private unfollowClock: (() => void) | null = null;

  constructor(
    private readonly schemas: EventSchemaRegistry,
    private readonly rules: NotificationRuleRegistry,
    store: SealingEventStore,
    metrics: MetricsService,
    @Inject(SQL_EXECUTOR) private readonly db: SqlExecutor,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(NOTIFICATION_CHANNELS_TOKEN) private readonly channels: Channels,
  ) {
    const schema = platform.database.schema;
    this.outbox = new NotificationOutbox(db, schema);
    const notices = new Counter({
      name: 'sportello_notifications_total',
      help: 'Customer notices by template, channel and outcome (sent, recorded, retry, abandoned)',
      labelNames: ['template', 'channel', 'outcome'] as const,
      registers: [metrics.registry],
    });
    const outbox = this.outbox;
    new Gauge({
      name: 'sportello_notifications_due',
      help: 'Customer notices due and not yet recorded',
      registers: [metrics.registry],
      async collect() {
        const due = await outbox.dueCount(clock.now()).catch(() => null);
        if (due !== null) this.set(due);
      },
    });
    this.dispatcher = new NotificationDispatcher(this.outbox, store, rules, channels, clock, {
      retry: config.retry,
      leaseMs: config.leaseMs,
      pollMs: config.pollMs,
      batchSize: config.batchSize,
      logger: this.logger,
      observe: (outcome, template, channel) => notices.inc({ template, channel, outcome }),
    });
    this.projection = notificationOutboxProjection(rules, clock, {
      since: config.since,
      // Wake the dispatcher once the batch is committed: the runner is caught up only after it.
      onEnqueued: () =>
        void this.runner.caughtUp().then(
          () => this.dispatcher.wake(),
          () => undefined,
        ),
    });
    this.runner = new ProjectionRunner(db, store, this.projection, {
      schema,
      onError: (error) =>
        this.logger.error(`Projection notification_outbox stopped: ${nameOf(error)}`),
    });
  }

  async onModuleInit(): Promise<void> {
    this.schemas.register(customerNotifiedSchema);
    await createNotificationTables(this.db, this.platform.database.schema, this.projection);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.rules.freeze();
    if (this.config.smtp) {
      const url = new URL(this.config.smtp.url);
      this.logger.log(
        `E-mail notices go out through SMTP at ${url.hostname}:${url.port || 'default port'}`,
      );
    } else {
      this.logger.warn(
        'SMTP_URL is not set: e-mail notices are logged (ids and sizes only), not sent',
      );
    }
    await this.runner.start();
    this.dispatcher.start();
    if (this.clock instanceof TestClock)
      this.unfollowClock = this.clock.onChange(() => this.dispatcher.wake());
  }

  /** For tests and operations: resolves once every notice the log calls for is enqueued. */
  caughtUp(): Promise<void> {
    return this.runner.caughtUp();
  }

  /** Enqueues what the log calls for, then sends and records everything due now. */
  async drain(): Promise<number> {
    await this.caughtUp();
    return this.dispatcher.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unfollowClock?.();
    await this.dispatcher.stop();
    await this.runner.stop();
    for (const channel of this.channels.values())
      if (channel instanceof SmtpEmailChannel) channel.close();
  }
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

/**
 * Import in the worker (once) and in each library's module that registers notification rules:
 * Nest keeps one instance, so every library registers into the same `NotificationRuleRegistry`.
 */
@Module({
  providers: [
    // A factory, not a value: each application (tests boot several) gets its own registry.
    { provide: NotificationRuleRegistry, useFactory: () => new NotificationRuleRegistry() },
    {
      provide: NOTIFICATIONS_CONFIG,
      inject: [PLATFORM_CONFIG],
      useFactory: (platform: PlatformConfig) => resolveNotificationsConfig(process.env, platform),
    },
    {
      provide: NOTIFICATION_CHANNELS_TOKEN,
      inject: [NOTIFICATIONS_CONFIG],
      useFactory: channelsFor,
    },
    NotificationsBackground,
  ],
  exports: [NotificationRuleRegistry, NotificationsBackground],
})
export class NotificationsWorkerModule {}
