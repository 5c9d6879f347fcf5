import { DynamicModule, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { TestClock } from '@sportello/clock';
import {
  createHttpApp,
  PlatformConfig,
  ProcessKind,
  resolvePlatformConfig,
  Role,
  shutdownGracefully,
  signDevToken,
} from '@sportello/platform';
import supertest from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';
import { SportelloModule } from '../../apps/sportello/src/sportello.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { LogCapture } from './log-capture';
import {
  deleteRedisKeys,
  dropSchema,
  TEST_AUTH_SECRET,
  TEST_DATABASE_URL,
  TEST_MASTER_KEY,
  TEST_REDIS_URL,
  uniqueName,
} from './test-infrastructure';

export interface BootOptions {
  /** `sportello` (API and worker, the default), `api` or `worker`: which modules to load. */
  kind?: ProcessKind;
  /** Test-only modules to load beside the real ones. */
  modules?: (Type | DynamicModule)[];
  /** Reuse a schema and prefix (an API restart); fresh ones by default. */
  schema?: string;
  redisPrefix?: string;
  /** The clock the app runs on; a TestClock at 2026-03-02T09:00:00Z by default. */
  clock?: TestClock;
  /** Environment overrides, validated like the real environment. */
  env?: Record<string, string>;
}

export interface BootedApp {
  app: NestExpressApplication;
  config: PlatformConfig;
  clock: TestClock;
  http: ReturnType<typeof supertest>;
  url: string;
  logs: LogCapture;
  schema: string;
  redisPrefix: string;
  /** A bearer token for these roles, signed with the test development secret. */
  token(roles: Role | Role[] | string[], subject?: string): Promise<string>;
  /** Graceful shutdown; the schema and Redis keys stay (boot again on them to restart). */
  close(): Promise<void>;
  /** Graceful shutdown, then the schema and Redis keys are deleted. */
  teardown(): Promise<void>;
}

/**
 * Boots the real application (the same root module as `npm start`, `start:api` or
 * `start:worker`, plus any test-only modules) on port 0 against a fresh PostgreSQL schema and Redis key prefix,
 * running on a TestClock, through the same `createHttpApp` as `npm start`.
 */
export async function bootApp(options: BootOptions = {}): Promise<BootedApp> {
  const kind = options.kind ?? 'sportello';
  const schema = options.schema ?? uniqueName('e2e');
  const redisPrefix = options.redisPrefix ?? uniqueName('sportello-e2e');
  const clock = options.clock ?? new TestClock('2026-03-02T09:00:00Z');
  const config = resolvePlatformConfig(
    {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: '16',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      KEY_VAULT_MASTER_KEY: TEST_MASTER_KEY,
      AUTH_DEV_SECRET: TEST_AUTH_SECRET,
      LOG_LEVEL: 'info',
      THROTTLE_LIMIT: '0',
      SHUTDOWN_GRACE_SECONDS: '10',
      SPORTELLO_TEST_CLOCK: '1',
      ...options.env,
    },
    {
      kind,
      developmentSecrets: () => {
        throw new Error('Tests configure their secrets explicitly');
      },
    },
  );
  const logs = new LogCapture();
  const application = { sportello: SportelloModule, api: ApiModule, worker: WorkerModule }[kind];
  const root: DynamicModule = {
    module: class TestRootModule {},
    imports: [
      application.forRoot(config, { clock, logDestination: logs }),
      ...(options.modules ?? []),
    ],
  };
  const app = await createHttpApp(root, config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await shutdownGracefully(app, config.shutdown.graceMs);
  };
  return {
    app,
    config,
    clock,
    http: supertest(app.getHttpServer()),
    url,
    logs,
    schema,
    redisPrefix,
    token: (roles, subject = 'op-1') =>
      signDevToken({
        secret: TEST_AUTH_SECRET,
        subject,
        roles: (Array.isArray(roles) ? roles : [roles]) as Role[],
        ttlSeconds: 3600,
      }),
    close,
    teardown: async () => {
      await close();
      await dropSchema(schema);
      await deleteRedisKeys(redisPrefix);
    },
  };
}
