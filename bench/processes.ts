/** The real Sportello processes and a private Redis, started by the benchmarks on loopback. */
import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { signDevToken } from '@sportello/platform';

export const REPO_ROOT = join(__dirname, '..');
export const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const AUTH_SECRET = 'bench-secret-for-sportello-benchmarks-only-0123456789';
export const MASTER_KEY = randomBytes(32);
/** One blind-index key for the run: the API and the worker must agree on it. */
const INDEX_KEY = randomBytes(32).toString('base64');
const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(check: () => Promise<boolean> | boolean, what: string, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  client: IORedis;
  stop(): Promise<void>;
}

/** A throwaway redis-server on a free port, no persistence: the benchmark may flush it. */
export async function startRedis(extra: string[] = []): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sportello-bench-redis-'));
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...extra,
    ],
    { stdio: 'ignore' },
  );
  const client = new IORedis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: null,
  });
  client.on('error', () => undefined);
  await until(
    () =>
      client.connect().then(
        () => true,
        () => (client.disconnect(), false),
      ),
    'redis-server',
    10_000,
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    client,
    stop: async () => {
      client.disconnect();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SportelloProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `apps/<kind>/src/main.ts` as a developer starts it, with its logs discarded. */
export async function startSportello(
  kind: 'api' | 'worker',
  env: {
    schema: string;
    redisUrl: string;
    redisPrefix: string;
    extra?: Record<string, string>;
    nodeArgs?: string[];
  },
): Promise<SportelloProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...(env.nodeArgs ?? []), '-r', '@swc-node/register', `apps/${kind}/src/main.ts`],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL,
        DATABASE_SCHEMA: env.schema,
        DATABASE_POOL_SIZE: '20',
        REDIS_URL: env.redisUrl,
        REDIS_PREFIX: env.redisPrefix,
        KEY_VAULT_MASTER_KEY: MASTER_KEY.toString('base64'),
        PRIVACY_INDEX_KEY: INDEX_KEY,
        ASSISTANCE_SIGNING_KEY: SIGNING_KEY,
        AUDIT_SIGNING_KEY: SIGNING_KEY,
        AUTH_DEV_SECRET: AUTH_SECRET,
        LOG_LEVEL: 'warn',
        THROTTLE_LIMIT: '0',
        SHUTDOWN_GRACE_SECONDS: '2',
        ...env.extra,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
    if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`${kind} exited: ${stderr}`);
      return fetch(`${url}/health/live`).then(
        (r) => r.ok,
        () => false,
      );
    },
    `the ${kind} process`,
    60_000,
  );
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export function token(roles: string[], subject = 'bench-operator'): Promise<string> {
  return signDevToken({
    secret: AUTH_SECRET,
    subject,
    roles: roles as never,
    ttlSeconds: 3_600,
  });
}
