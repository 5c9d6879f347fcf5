import { ConfigurationError, resolvePlatformConfig } from './platform-config';

const KEY = Buffer.alloc(32, 1).toString('base64');
const SECRET = 'a-development-secret-of-at-least-32-characters';

function resolve(
  env: Record<string, string>,
  secrets = jest.fn(() => ({ keyVaultMasterKey: KEY, authDevSecret: SECRET })),
) {
  return {
    config: () => resolvePlatformConfig(env, { kind: 'sportello', developmentSecrets: secrets }),
    secrets,
  };
}

function problemsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError)
      return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('platform configuration', () => {
  it('starts with no configuration at all: PGlite under ./data, local Redis, generated development secrets', () => {
    const { config, secrets } = resolve({});
    const resolved = config();
    expect(resolved.database).toMatchObject({ kind: 'pglite', schema: 'sportello' });
    expect(resolved.database.kind === 'pglite' && resolved.database.dir).toMatch(/data\/pglite$/);
    expect(resolved.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'sportello' });
    expect(resolved.eventStore).toEqual({ kind: 'sql' });
    expect(resolved.keyVault).toEqual({ masterKey: KEY, generated: true });
    expect(resolved.auth).toMatchObject({ kind: 'hs256', secret: SECRET, generated: true });
    expect(resolved.http).toMatchObject({ host: '127.0.0.1', port: 3000 });
    expect(resolved.testClock).toEqual({ enabled: false });
    expect(secrets).toHaveBeenCalledTimes(1);
  });

  it('reports every wrong variable with its own message and never echoes a value', () => {
    const env = {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://root:s3cret-value@db/x',
      REDIS_URL: 'http://cache',
      KEY_VAULT_MASTER_KEY: 'c2hvcnQ=',
      AUTH_DEV_SECRET: 'short-s3cret',
      THROTTLE_LIMIT: '-1',
      IDEMPOTENCY_TTL_HOURS: '2',
      SPORTELLO_TEST_CLOCK: 'yes',
      LOG_LEVEL: 'loud',
    };
    const problems = problemsOf(resolve(env).config);
    expect(Object.keys(problems).sort()).toEqual(
      [
        'AUTH_DEV_SECRET',
        'DATABASE_URL',
        'IDEMPOTENCY_TTL_HOURS',
        'KEY_VAULT_MASTER_KEY',
        'LOG_LEVEL',
        'PORT',
        'REDIS_URL',
        'SPORTELLO_TEST_CLOCK',
        'THROTTLE_LIMIT',
      ].sort(),
    );
    expect(problems.REDIS_URL).toBe('must be a redis:// or rediss:// URL');
    const text = JSON.stringify(problems);
    for (const value of ['eighty', 's3cret-value', 'cache', 'c2hvcnQ=', 'short-s3cret', 'loud'])
      expect(text).not.toContain(value);
  });

  it('in production demands the database, Redis and both secrets explicitly, and generates nothing', () => {
    const { config, secrets } = resolve({ NODE_ENV: 'production' });
    expect(problemsOf(config)).toEqual({
      DATABASE_URL: expect.stringContaining('required in production'),
      REDIS_URL: expect.stringContaining('required in production'),
      KEY_VAULT_MASTER_KEY: expect.stringContaining('required in production'),
      AUTH_JWKS_URL: expect.stringContaining('required in production'),
    });
    expect(secrets).not.toHaveBeenCalled();
  });

  it('in production runs with a JWKS, an explicit master key, PostgreSQL, KurrentDB and Redis', () => {
    const { config, secrets } = resolve({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://sportello@db:5432/sportello',
      EVENTSTORE_URL: 'kurrentdb://kurrentdb:2113?tls=false',
      REDIS_URL: 'redis://redis:6379',
      KEY_VAULT_MASTER_KEY: KEY,
      AUTH_JWKS_URL: 'https://login.example/.well-known/jwks.json',
      AUTH_ISSUER: 'https://login.example/',
      AUTH_AUDIENCE: 'sportello',
    });
    const resolved = config();
    expect(resolved.http.host).toBe('0.0.0.0');
    expect(resolved.eventStore).toEqual({
      kind: 'kurrentdb',
      url: 'kurrentdb://kurrentdb:2113?tls=false',
    });
    expect(resolved.auth).toEqual({
      kind: 'jwks',
      jwksUrl: 'https://login.example/.well-known/jwks.json',
      issuer: 'https://login.example/',
      audience: 'sportello',
    });
    expect(secrets).not.toHaveBeenCalled();
  });

  it('refuses the test clock in production and a JWKS without issuer and audience', () => {
    const problems = problemsOf(
      resolve({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/x',
        REDIS_URL: 'redis://redis:6379',
        KEY_VAULT_MASTER_KEY: KEY,
        AUTH_JWKS_URL: 'https://login.example/jwks',
        AUTH_DEV_SECRET: SECRET,
        SPORTELLO_TEST_CLOCK: '1',
      }).config,
    );
    expect(Object.keys(problems).sort()).toEqual([
      'AUTH_AUDIENCE',
      'AUTH_DEV_SECRET',
      'AUTH_ISSUER',
      'SPORTELLO_TEST_CLOCK',
    ]);
  });

  it('turns the test clock on only with SPORTELLO_TEST_CLOCK=1', () => {
    expect(resolve({ SPORTELLO_TEST_CLOCK: '0' }).config().testClock).toEqual({ enabled: false });
    expect(
      resolve({
        SPORTELLO_TEST_CLOCK: '1',
        SPORTELLO_TEST_CLOCK_START: '2026-03-02T09:00:00Z',
      }).config().testClock,
    ).toEqual({ enabled: true, start: '2026-03-02T09:00:00Z' });
    expect(
      problemsOf(resolve({ SPORTELLO_TEST_CLOCK_START: '2026-03-02T09:00:00Z' }).config),
    ).toEqual({
      SPORTELLO_TEST_CLOCK_START: 'is only read with SPORTELLO_TEST_CLOCK=1',
    });
  });

  it('uses explicit secrets without touching the data directory', () => {
    const { config, secrets } = resolve({ KEY_VAULT_MASTER_KEY: KEY, AUTH_DEV_SECRET: SECRET });
    expect(config().auth).toMatchObject({ kind: 'hs256', generated: false });
    expect(secrets).not.toHaveBeenCalled();
  });
});
