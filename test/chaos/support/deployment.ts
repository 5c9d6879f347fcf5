/**
 * A Sportello deployment for fault injection: the real API and worker processes (each
 * `node -r @swc-node/register apps/<kind>/src/main.ts`) on a private PostgreSQL and Redis, on
 * the settable test clock, reached over HTTP like any client.
 */
import { ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role, signDevToken } from '@sportello/platform';
import {
  cleanEnvironment,
  closedPort,
  spawnEntryPoint,
  Spawned,
} from '../../support/spawn-process';
import { TEST_AUTH_SECRET, TEST_MASTER_KEY } from '../../support/test-infrastructure';

const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const INDEX_KEY = randomBytes(32).toString('base64');

export type Kind = 'api' | 'worker';

export interface Running {
  kind: Kind;
  url: string;
  process: Spawned;
  child: ChildProcess;
}

export interface DeploymentOptions {
  databaseUrl: string;
  redisUrl: string;
  schema?: string;
  clockStart?: string;
  extraEnv?: Record<string, string>;
}

export class Deployment {
  readonly schema: string;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'sportello-chaos-data-'));
  private readonly tokens = new Map<string, string>();

  constructor(private readonly options: DeploymentOptions) {
    this.schema = options.schema ?? 'sportello';
  }

  environment(port: number): NodeJS.ProcessEnv {
    return cleanEnvironment({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: this.dataDir,
      DATABASE_URL: this.options.databaseUrl,
      DATABASE_SCHEMA: this.schema,
      REDIS_URL: this.options.redisUrl,
      REDIS_PREFIX: 'chaos',
      KEY_VAULT_MASTER_KEY: TEST_MASTER_KEY,
      PRIVACY_INDEX_KEY: INDEX_KEY,
      ASSISTANCE_SIGNING_KEY: SIGNING_KEY,
      AUDIT_SIGNING_KEY: SIGNING_KEY,
      AUTH_DEV_SECRET: TEST_AUTH_SECRET,
      LOG_LEVEL: 'warn',
      THROTTLE_LIMIT: '0',
      SHUTDOWN_GRACE_SECONDS: '3',
      SPORTELLO_TEST_CLOCK: '1',
      SPORTELLO_TEST_CLOCK_START: this.options.clockStart ?? '2026-03-02T09:00:00Z',
      ...this.options.extraEnv,
    });
  }

  /** Starts `apps/<kind>/src/main.ts` and waits until it answers `/health/live`. */
  async start(kind: Kind): Promise<Running> {
    const port = await closedPort();
    const spawned = spawnEntryPoint(`apps/${kind}/src/main.ts`, [], this.environment(port));
    const url = `http://127.0.0.1:${port}`;
    for (const deadline = Date.now() + 60_000; ;) {
      if (spawned.child.exitCode !== null || spawned.child.signalCode !== null)
        throw new Error(`The ${kind} exited at start:\n${spawned.stderr().slice(-3_000)}`);
      const live = await fetch(`${url}/health/live`).then(
        (r) => r.ok,
        () => false,
      );
      if (live) break;
      if (Date.now() > deadline)
        throw new Error(`The ${kind} did not start:\n${spawned.stderr().slice(-3_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { kind, url, process: spawned, child: spawned.child };
  }

  /** SIGKILL: no shutdown hook runs, jobs in flight are abandoned mid-way. */
  async kill(running: Running): Promise<void> {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill('SIGKILL');
    await running.process.exited;
  }

  async stop(running: Running): Promise<void> {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill('SIGTERM');
    await running.process.exited;
  }

  async token(roles: Role[], subject = 'chaos-operator'): Promise<string> {
    const key = `${subject}:${roles.join(',')}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = await signDevToken({ secret: TEST_AUTH_SECRET, subject, roles, ttlSeconds: 3_600 });
      this.tokens.set(key, token);
    }
    return token;
  }

  dispose(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  etag: string | null;
  body: T;
  text: string;
}

/** One HTTP call, bounded in time so that a hanging server fails the test instead of stalling it. */
export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    etag: response.headers.get('etag'),
    body: body as T,
    text,
  };
}

export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs: number,
  everyMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const chaosRounds = (fallback: number) => Number(process.env.CHAOS_ROUNDS ?? fallback);
