import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Environment variables the machine or Jest may have set that would change a start-up. */
const SPORTELLO_VARIABLES =
  /^(NODE_ENV|HOST|PORT|DATA_DIR|DATABASE_|EVENTSTORE_|REDIS_|KEY_VAULT_|AUTH_|LOG_LEVEL|THROTTLE_|BODY_LIMIT|IDEMPOTENCY_|SHUTDOWN_|TRUST_PROXY|SPORTELLO_)/;

export function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!SPORTELLO_VARIABLES.test(name)) env[name] = value;
  return { ...env, ...extra };
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
}

/** Runs a TypeScript entry point of the repository the way a developer would, from its root. */
export function spawnEntryPoint(entry: string, args: string[], env: NodeJS.ProcessEnv): Spawned {
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    afterMs: number;
  }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, afterMs: Date.now() - started })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** A TCP port on which nothing listens. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
