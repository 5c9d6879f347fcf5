import { resolve } from 'node:path';
import { DevelopmentSecrets } from './development-secrets';
import { Environment, validateEnvironment, VariableProblem } from './environment';

/** Which parts of Sportello a process runs: `npm start` runs both. */
export type ProcessKind = 'api' | 'worker' | 'sportello';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; schema: string; poolSize: number }
  | { kind: 'pglite'; dir: string; schema: string };

export type AuthConfig =
  | { kind: 'hs256'; secret: string; issuer?: string; audience?: string; generated: boolean }
  | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string };

export interface PlatformConfig {
  kind: ProcessKind;
  env: 'development' | 'production' | 'test';
  http: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    trustProxy: boolean | string | number;
  };
  dataDir: string;
  database: DatabaseConfig;
  eventStore: { kind: 'sql' } | { kind: 'kurrentdb'; url: string };
  redis: { url: string; prefix: string };
  keyVault: { masterKey: string; generated: boolean };
  auth: AuthConfig;
  logLevel: NonNullable<Environment['LOG_LEVEL']>;
  throttle: { limit: number; ttlSeconds: number };
  idempotency: { ttlHours: number };
  shutdown: { graceMs: number };
  testClock: { enabled: false } | { enabled: true; start: string | null };
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The configuration is wrong: one line per variable, values never shown. */
export class ConfigurationError extends Error {
  constructor(readonly problems: VariableProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigurationError';
  }

  lines(): string[] {
    return [
      'Sportello cannot start: fix these environment variables.',
      ...this.problems.map((p) => `  ${p.variable}: ${p.message}`),
    ];
  }
}

export interface ResolveOptions {
  kind: ProcessKind;
  /**
   * Reads (or creates) the development secrets under the data directory; called only outside
   * production and only when a secret is missing from the environment.
   */
  developmentSecrets: (dataDir: string) => DevelopmentSecrets;
}

/** Validates the environment and fills in development defaults; throws ConfigurationError. */
export function resolvePlatformConfig(
  raw: Record<string, string | undefined>,
  options: ResolveOptions,
): PlatformConfig {
  const validated = validateEnvironment(raw);
  if (!validated.ok) throw new ConfigurationError(validated.problems);
  const env = validated.env;
  const mode = env.NODE_ENV ?? 'development';
  const production = mode === 'production';
  const problems: VariableProblem[] = [];
  const require = (variable: keyof Environment, message: string) => {
    if (env[variable] === undefined) problems.push({ variable, message });
  };

  if (production) {
    require('DATABASE_URL', 'is required in production (PGlite is a development store)');
    require('REDIS_URL', 'is required in production');
    require('KEY_VAULT_MASTER_KEY', 'is required in production (32 random bytes in base64)');
    if (!env.AUTH_JWKS_URL && !env.AUTH_DEV_SECRET)
      problems.push({
        variable: 'AUTH_JWKS_URL',
        message: 'is required in production, with AUTH_ISSUER and AUTH_AUDIENCE',
      });
    if (env.SPORTELLO_TEST_CLOCK === '1')
      problems.push({
        variable: 'SPORTELLO_TEST_CLOCK',
        message: 'must not be 1 in production: a settable clock is for acceptance runs only',
      });
  }
  if (env.AUTH_JWKS_URL) {
    require('AUTH_ISSUER', 'is required with AUTH_JWKS_URL');
    require('AUTH_AUDIENCE', 'is required with AUTH_JWKS_URL');
    if (env.AUTH_DEV_SECRET)
      problems.push({
        variable: 'AUTH_DEV_SECRET',
        message: 'must not be set together with AUTH_JWKS_URL: choose one way to verify tokens',
      });
  }
  if (env.SPORTELLO_TEST_CLOCK_START && env.SPORTELLO_TEST_CLOCK !== '1')
    problems.push({
      variable: 'SPORTELLO_TEST_CLOCK_START',
      message: 'is only read with SPORTELLO_TEST_CLOCK=1',
    });
  if (problems.length) throw new ConfigurationError(problems);

  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const needsSecrets = !env.KEY_VAULT_MASTER_KEY || (!env.AUTH_DEV_SECRET && !env.AUTH_JWKS_URL);
  const secrets = needsSecrets ? options.developmentSecrets(dataDir) : null;
  const schema = env.DATABASE_SCHEMA ?? 'sportello';

  return {
    kind: options.kind,
    env: mode,
    http: {
      host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
      port: env.PORT ?? (options.kind === 'worker' ? 3001 : 3000),
      bodyLimitBytes: (env.BODY_LIMIT_KB ?? 256) * 1024,
      trustProxy: parseTrustProxy(env.TRUST_PROXY ?? 'false'),
    },
    dataDir,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          schema,
          poolSize: env.DATABASE_POOL_SIZE ?? 20,
        }
      : { kind: 'pglite', dir: resolve(dataDir, 'pglite'), schema },
    eventStore: env.EVENTSTORE_URL
      ? { kind: 'kurrentdb', url: env.EVENTSTORE_URL }
      : { kind: 'sql' },
    redis: { url: env.REDIS_URL ?? DEFAULT_REDIS_URL, prefix: env.REDIS_PREFIX ?? 'sportello' },
    keyVault: env.KEY_VAULT_MASTER_KEY
      ? { masterKey: env.KEY_VAULT_MASTER_KEY, generated: false }
      : { masterKey: secrets!.keyVaultMasterKey, generated: true },
    auth: env.AUTH_JWKS_URL
      ? {
          kind: 'jwks',
          jwksUrl: env.AUTH_JWKS_URL,
          issuer: env.AUTH_ISSUER!,
          audience: env.AUTH_AUDIENCE!,
        }
      : {
          kind: 'hs256',
          secret: env.AUTH_DEV_SECRET ?? secrets!.authDevSecret,
          issuer: env.AUTH_ISSUER,
          audience: env.AUTH_AUDIENCE,
          generated: !env.AUTH_DEV_SECRET,
        },
    logLevel: env.LOG_LEVEL ?? 'info',
    throttle: { limit: env.THROTTLE_LIMIT ?? 600, ttlSeconds: env.THROTTLE_TTL_SECONDS ?? 60 },
    idempotency: { ttlHours: env.IDEMPOTENCY_TTL_HOURS ?? 24 },
    shutdown: { graceMs: (env.SHUTDOWN_GRACE_SECONDS ?? 25) * 1000 },
    testClock:
      env.SPORTELLO_TEST_CLOCK === '1'
        ? { enabled: true, start: env.SPORTELLO_TEST_CLOCK_START ?? null }
        : { enabled: false },
  };
}

function parseTrustProxy(value: string): boolean | string | number {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
