/**
 * Throwaway PostgreSQL clusters and Redis servers on free ports, so that fault-injection tests
 * may stop, kill, flush and restart them without touching the machine's shared services.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { closedPort } from '../../support/spawn-process';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb and pg_ctl refuse root: as root, run them as the `postgres` user. */
function pgTool(tool: string, args: string[]): string {
  const isRoot = process.getuid?.() === 0;
  const [command, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, tool), ...args]]
    : [join(PG_BIN, tool), args];
  return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-chaos-pg-'));
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    pgTool('initdb', [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const pg = new PrivatePostgres(dir, await closedPort());
    pg.startServer();
    return pg;
  }

  startServer(): void {
    pgTool('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      'start',
    ]);
  }

  /** `fast` rolls back open transactions and disconnects; `immediate` is a crash. */
  stopServer(mode: 'fast' | 'immediate' = 'fast'): void {
    pgTool('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    try {
      this.stopServer('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class PrivateRedis {
  private child: ChildProcess | null = null;
  readonly client: IORedis;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.client = new IORedis({ host: '127.0.0.1', port, lazyConnect: true });
    this.client.on('error', () => undefined);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** No persistence: a restart loses everything, as a flush does. */
  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(
      mkdtempSync(join(tmpdir(), 'sportello-chaos-redis-')),
      await closedPort(),
    );
    await redis.startServer();
    await redis.client.connect();
    return redis;
  }

  async startServer(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    const probe = new IORedis({
      host: '127.0.0.1',
      port: this.port,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    for (const deadline = Date.now() + 10_000; ;) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error('redis-server did not start');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** Kills the server outright (SIGKILL): everything in memory is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async destroy(): Promise<void> {
    this.client.disconnect();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
