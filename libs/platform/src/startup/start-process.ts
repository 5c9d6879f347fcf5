import { DynamicModule, Logger } from '@nestjs/common';
import { loadOrCreateDevelopmentSecrets } from '../config/development-secrets';
import {
  ConfigurationError,
  PlatformConfig,
  ProcessKind,
  resolvePlatformConfig,
} from '../config/platform-config';
import { createHttpApp } from '../http/create-http-app';
import { describeUrl } from '../redis/redis-url';
import { shutdownGracefully } from '../shutdown/graceful-shutdown';
import { assertPostgresReachable, assertRedisReachable, PreflightError } from './preflight';

/** Says why the process cannot start, in plain lines (no stack trace), and exits. */
function refuse(lines: string[]): never {
  process.stderr.write(lines.join('\n') + '\n');
  process.exit(1);
}

/**
 * Starts a Sportello process: validates the configuration, checks that Redis and PostgreSQL
 * answer (one attempt, short timeout), boots the application and installs the signal handlers
 * for a graceful shutdown.
 */
export async function startProcess(
  kind: ProcessKind,
  rootModule: (config: PlatformConfig) => DynamicModule,
): Promise<void> {
  let config: PlatformConfig;
  try {
    config = resolvePlatformConfig(process.env, {
      kind,
      developmentSecrets: loadOrCreateDevelopmentSecrets,
    });
  } catch (error) {
    if (error instanceof ConfigurationError) refuse(error.lines());
    throw error;
  }
  try {
    await assertRedisReachable(config.redis.url);
    if (config.database.kind === 'postgres') await assertPostgresReachable(config.database.url);
  } catch (error) {
    if (error instanceof PreflightError) refuse([error.line]);
    throw error;
  }

  let app;
  try {
    app = await createHttpApp(rootModule(config), config);
  } catch (error) {
    if (error instanceof PreflightError) refuse([error.line]);
    throw error;
  }
  const logger = new Logger('Sportello');
  warnAboutDevelopmentDefaults(config, logger);
  await app.listen(config.http.port, config.http.host);
  const address = await app.getUrl();
  logger.log(`Sportello (${kind}) listening on ${address}; API documentation at ${address}/docs`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: finishing requests and jobs in flight, then stopping`);
    shutdownGracefully(app, config.shutdown.graceMs).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function warnAboutDevelopmentDefaults(config: PlatformConfig, logger: Logger): void {
  if (config.database.kind === 'pglite')
    logger.warn(
      `Embedded PGlite database in ${config.database.dir}: for development only (it never fsyncs; ` +
        'set DATABASE_URL for production)',
    );
  if (config.keyVault.generated || (config.auth.kind === 'hs256' && config.auth.generated))
    logger.warn(
      `Using development secrets generated in ${config.dataDir}/dev-secrets.json (never in production)`,
    );
  if (config.testClock.enabled)
    logger.warn('Running on a settable test clock (SPORTELLO_TEST_CLOCK=1)');
  logger.log(`Redis at ${describeUrl(config.redis.url)}, prefix ${config.redis.prefix}`);
}
