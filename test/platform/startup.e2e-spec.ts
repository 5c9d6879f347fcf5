import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, jwtVerify } from 'jose';
import { readDevelopmentSecrets } from '@sportello/platform';
import { cleanEnvironment, closedPort, spawnEntryPoint, waitFor } from '../support/spawn-process';
import { deleteRedisKeys, uniqueName } from '../support/test-infrastructure';

// Booting an application takes seconds on a busy machine; the project-level testTimeout is not applied.
jest.setTimeout(60_000);

const SPORTELLO = 'apps/sportello/src/main.ts';
const CLI = 'apps/cli/src/main.ts';

describe('starting Sportello', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'sportello-start-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits at once with one line naming REDIS_URL when Redis cannot be reached', async () => {
    const port = await closedPort();
    const run = spawnEntryPoint(
      SPORTELLO,
      [],
      cleanEnvironment({
        DATA_DIR: dataDir,
        REDIS_URL: `redis://127.0.0.1:${port}`,
      }),
    );
    const { code, afterMs } = await run.exited;
    expect(code).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `Redis is not reachable at redis://127.0.0.1:${port} (connection refused): start Redis there, ` +
        'or set REDIS_URL to a reachable server (e.g. REDIS_URL=redis://redis.example:6379).',
    );
    expect(run.stdout()).toBe('');
    // Well under the time a retrying client would hang for; most of it is compiling TypeScript.
    expect(afterMs).toBeLessThan(15_000);
  });

  it('refuses a wrong configuration with one message per wrong variable', async () => {
    const run = spawnEntryPoint(
      SPORTELLO,
      [],
      cleanEnvironment({
        DATA_DIR: dataDir,
        PORT: 'http',
        REDIS_URL: 'http://127.0.0.1:6379',
        KEY_VAULT_MASTER_KEY: 'not-a-key',
      }),
    );
    expect((await run.exited).code).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([
      'Sportello cannot start: fix these environment variables.',
      '  PORT: must be a port number between 0 and 65535',
      '  REDIS_URL: must be a redis:// or rediss:// URL',
      '  KEY_VAULT_MASTER_KEY: must be 32 random bytes in base64 (openssl rand -base64 32)',
    ]);
  });

  it('in production refuses to start without explicit configuration, generating nothing', async () => {
    const run = spawnEntryPoint(
      SPORTELLO,
      [],
      cleanEnvironment({
        NODE_ENV: 'production',
        DATA_DIR: join(dataDir, 'never'),
      }),
    );
    expect((await run.exited).code).toBe(1);
    const stderr = run.stderr();
    for (const variable of ['DATABASE_URL', 'REDIS_URL', 'KEY_VAULT_MASTER_KEY', 'AUTH_JWKS_URL'])
      expect(stderr).toContain(`  ${variable}: is required in production`);
    expect(existsSync(join(dataDir, 'never'))).toBe(false);
  });

  it('with no configuration serves readiness and the docs from PGlite under the data directory', async () => {
    const redisPrefix = uniqueName('sportello-e2e-start');
    const run = spawnEntryPoint(
      SPORTELLO,
      [],
      cleanEnvironment({
        DATA_DIR: dataDir,
        PORT: '0',
        REDIS_PREFIX: redisPrefix,
      }),
    );
    try {
      await waitFor(
        () => /listening on http:\/\/127\.0\.0\.1:\d+/.test(run.stdout()),
        'the server',
        45_000,
      );
      const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())![1];
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        checks: { database: 'up', eventStore: 'up', redis: 'up' },
      });
      const docs = await fetch(`${base}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
      expect(
        ((await (await fetch(`${base}/docs-json`)).json()) as { openapi: string }).openapi,
      ).toBe('3.0.0');

      expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      expect(statSync(join(dataDir, 'dev-secrets.json')).mode & 0o777).toBe(0o600);
      expect(run.stdout()).toContain('for development only');

      run.child.kill('SIGTERM');
      expect((await run.exited).code).toBe(0);
      expect(existsSync(join(dataDir, 'pglite', '.sportello.lock'))).toBe(false);
    } finally {
      run.child.kill('SIGKILL');
      await deleteRedisKeys(redisPrefix);
    }
  });

  it('prints a development token with `token`, signed with the generated secret', async () => {
    const generate = spawnEntryPoint(
      CLI,
      ['token', '--role', 'operator', '--sub', 'op-1'],
      cleanEnvironment({
        DATA_DIR: dataDir,
      }),
    );
    expect((await generate.exited).code).toBe(1);
    expect(generate.stderr().trim()).toBe(
      `No development secret is configured: set AUTH_DEV_SECRET, or run \`npm start\` once to generate one in ${dataDir}.`,
    );

    const secret = 'a-development-secret-for-the-token-test-0123456789';
    const run = spawnEntryPoint(
      CLI,
      ['token', '--role', 'operator', 'auditor', '--sub', 'op-1'],
      cleanEnvironment({ AUTH_DEV_SECRET: secret }),
    );
    expect((await run.exited).code).toBe(0);
    const token = run.stdout().trim();
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret));
    expect(payload).toMatchObject({ sub: 'op-1', roles: ['operator', 'auditor'] });
    expect(decodeJwt(token).exp! - decodeJwt(token).iat!).toBe(8 * 3600);
    expect(readDevelopmentSecrets(dataDir)).toBeNull();
  });
});
