import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { Clock, CLOCK, SystemClock, TestClock } from '@sportello/clock';
import {
  CommandHandler,
  EVENT_STORE,
  EventSchemaRegistry,
  EventStorage,
  KeyWrapper,
  PersonalDataSealer,
  SealingEventStore,
  SQL_EXECUTOR,
  SqlExecutor,
  SqlKeyVault,
  SUBJECT_KEY_VAULT,
} from '@sportello/eventstore';
import type Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { CommandGateway } from './commands/command-gateway';
import { ETagInterceptor } from './concurrency/etag.interceptor';
import { PLATFORM_CONFIG, PlatformConfig } from './config/platform-config';
import { RequestContext } from './context/request-context';
import { createValidationPipe } from './errors/validation';
import { DependencyChecks } from './health/dependency-checks';
import { HealthController } from './health/health.controller';
import { IdempotencySecrets } from './idempotency/idempotency-secrets';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { loggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { QueueDiscovery } from './metrics/queue-discovery';
import { DocsController } from './openapi/docs.controller';
import { OpenApiDocumentHolder } from './openapi/openapi-document';
import { openDatabase } from './persistence/open-database';
import { createPlatformTables, openEventStorage } from './persistence/open-event-storage';
import { EVENT_STORAGE } from './persistence/persistence.tokens';
import { ResourceRegistry } from './persistence/resource-registry';
import { createRedisClient } from './redis/create-redis-client';
import { redisOptionsFromUrl } from './redis/redis-url';
import { REDIS } from './redis/redis.tokens';
import { InFlightRequests } from './shutdown/in-flight-requests';
import { ShutdownState } from './shutdown/shutdown-state';
import { TestClockController } from './test-clock/test-clock.controller';
import { TestClockSync } from './test-clock/test-clock-sync';
import { throttlingGuards, throttlingModule } from './throttling/throttling';

export interface PlatformOptions {
  /** Run on this clock instead of the configured one (tests hold it and move it). */
  clock?: Clock;
  /** Where the JSON logs go instead of stdout (tests capture them). */
  logDestination?: DestinationStream;
}

function clockFor(config: PlatformConfig, options: PlatformOptions): Clock {
  if (options.clock) return options.clock;
  if (!config.testClock.enabled) return new SystemClock();
  return new TestClock(config.testClock.start ?? new SystemClock().now());
}

/**
 * Everything a Sportello process shares: configuration, clock, persistence and the event
 * store, Redis and BullMQ, auth, errors, validation, idempotency, ETags, OpenAPI, health,
 * metrics, logs, throttling and (with SPORTELLO_TEST_CLOCK=1) the test clock.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig, options: PlatformOptions = {}): DynamicModule {
    const clock = clockFor(config, options);
    const testClock = config.testClock.enabled;
    if (testClock && !(clock instanceof TestClock))
      throw new Error('SPORTELLO_TEST_CLOCK=1 needs a TestClock');

    const persistence: Provider[] = [
      {
        provide: SQL_EXECUTOR,
        inject: [ResourceRegistry],
        useFactory: async (resources: ResourceRegistry) => {
          const { db, close } = await openDatabase(config.database);
          resources.add('database', close);
          return db;
        },
      },
      {
        provide: EVENT_STORAGE,
        inject: [SQL_EXECUTOR, ResourceRegistry],
        useFactory: async (db: SqlExecutor, resources: ResourceRegistry) => {
          await createPlatformTables(config, db, clock);
          const storage = await openEventStorage(config, db);
          if (config.eventStore.kind !== 'sql') resources.add('event store', () => storage.close());
          return storage;
        },
      },
      { provide: EventSchemaRegistry, useValue: new EventSchemaRegistry() },
      {
        provide: SqlKeyVault,
        inject: [SQL_EXECUTOR, EVENT_STORAGE],
        useFactory: (db: SqlExecutor) =>
          new SqlKeyVault(
            db,
            KeyWrapper.fromBase64(config.keyVault.masterKey),
            config.database.schema,
          ),
      },
      { provide: SUBJECT_KEY_VAULT, useExisting: SqlKeyVault },
      {
        provide: SealingEventStore,
        inject: [EVENT_STORAGE, EventSchemaRegistry, SqlKeyVault],
        useFactory: (storage: EventStorage, registry: EventSchemaRegistry, vault: SqlKeyVault) =>
          new SealingEventStore(storage, registry, new PersonalDataSealer(vault), clock),
      },
      { provide: EVENT_STORE, useExisting: SealingEventStore },
      {
        provide: CommandHandler,
        inject: [EVENT_STORE],
        useFactory: (store: SealingEventStore) => new CommandHandler(store, clock),
      },
      { provide: IdempotencySecrets, useValue: new IdempotencySecrets(config.keyVault.masterKey) },
      {
        provide: IdempotencyStore,
        inject: [SQL_EXECUTOR, IdempotencySecrets, EVENT_STORAGE],
        useFactory: (db: SqlExecutor, secrets: IdempotencySecrets) =>
          new IdempotencyStore(db, clock, secrets, {
            schema: config.database.schema,
            ttlHours: config.idempotency.ttlHours,
          }),
      },
    ];

    const redis: Provider[] = [
      {
        provide: REDIS,
        inject: [ResourceRegistry],
        useFactory: async (resources: ResourceRegistry) => {
          const client = await createRedisClient(config.redis.url);
          resources.add('redis', async () => void (await client.quit()));
          return client;
        },
      },
    ];

    const testClockProviders: Provider[] = testClock
      ? [
          {
            provide: TestClockSync,
            inject: [REDIS, ResourceRegistry],
            useFactory: async (client: Redis, resources: ResourceRegistry) => {
              const sync = new TestClockSync(clock as TestClock, client, config.redis.prefix);
              await sync.start();
              resources.add('test clock', () => sync.stop());
              return sync;
            },
          },
        ]
      : [];

    return {
      module: PlatformModule,
      global: true,
      imports: [
        loggingModule(config, options.logDestination),
        CqrsModule.forRoot(),
        DiscoveryModule,
        TerminusModule.forRoot({ logger: false }),
        BullModule.forRoot({
          connection: redisOptionsFromUrl(config.redis.url),
          prefix: config.redis.prefix,
        }),
        throttlingModule(config),
      ],
      controllers: [
        HealthController,
        MetricsController,
        DocsController,
        ...(testClock ? [TestClockController] : []),
      ],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        ResourceRegistry,
        ShutdownState,
        InFlightRequests,
        RequestContext,
        MetricsService,
        QueueDiscovery,
        OpenApiDocumentHolder,
        TokenVerifier,
        CommandGateway,
        DependencyChecks,
        ...persistence,
        ...redis,
        ...testClockProviders,
        ...throttlingGuards(config),
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // Registration order is nesting order: idempotency sees the ETag the inner one sets.
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ETagInterceptor },
      ],
      exports: [
        PLATFORM_CONFIG,
        CLOCK,
        SQL_EXECUTOR,
        EVENT_STORAGE,
        EVENT_STORE,
        SealingEventStore,
        EventSchemaRegistry,
        SqlKeyVault,
        SUBJECT_KEY_VAULT,
        CommandHandler,
        CommandGateway,
        RequestContext,
        MetricsService,
        IdempotencyStore,
        REDIS,
        ResourceRegistry,
        ShutdownState,
        ...(testClock ? [TestClockSync] : []),
      ],
    };
  }
}
