import { EventStoreUnavailableError } from '../errors';
import { Checkpoint } from '../port/event-store.port';
import { assertSchemaName, SqlExecutor } from '../sql/sql-executor';
import { SealingEventStore } from '../store/sealing-event-store';
import {
  applyEvents,
  liveTables,
  Projection,
  ProjectionTables,
  readForProjection,
  REBUILD_BATCH_SIZE,
  shadowTables,
} from './projection';
import { CompareOptions, compareWithLive, ProjectionComparison } from './projection-comparison';
import { withProjectionAsOf } from './shadow-build';

export * from './projection-comparison';
export * from './shadow-build';

export const PROJECTION_LOCK_NAMESPACE = 0x53_50_50_52; // 'SPPR': one runner per projection
const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

export interface ProjectionLag {
  checkpoint: Checkpoint | null;
  head: Checkpoint | null;
  caughtUp: boolean;
  /** Events not yet applied, where the backend can count them cheaply. */
  eventsBehind: number | null;
}

export interface ProjectionRunnerOptions {
  schema: string;
  /** Events per transaction while following the log (500 unless given). */
  batchSize?: number;
  /** Events per transaction when folding from position zero (REBUILD_BATCH_SIZE unless given). */
  rebuildBatchSize?: number;
  idleMs?: number;
  onError?: (error: unknown) => void;
}

type Request = {
  kind: 'rebuild';
  resolve: (events: number) => void;
  reject: (error: unknown) => void;
};

/** Lost the advisory lock or raced another runner: the transaction is rolled back. */
export class ProjectionLeadershipLost extends Error {}

/**
 * Runs one projection: reads the global log from its checkpoint and applies each batch with the
 * checkpoint update in one transaction, so a crash anywhere neither loses nor repeats an event.
 * A session-level advisory lock keeps it to one runner per projection across processes.
 */
export class ProjectionRunner {
  private stopping = false;
  private running: Promise<void> | null = null;
  private polls = 0;
  private waiters: {
    afterPoll: number;
    /** The head when the caller asked: what it wrote itself must be applied before it resumes. */
    target: Checkpoint | null;
    resolve: () => void;
    reject: (e: unknown) => void;
  }[] = [];
  private requests: Request[] = [];
  private wake: (() => void) | null = null;
  private checkpoint: Checkpoint | null = null;
  private leader = false;
  private failure: unknown = null;
  private pollsAtFailure = 0;

  constructor(
    private readonly db: SqlExecutor,
    private readonly store: SealingEventStore,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    assertSchemaName(options.schema);
  }

  static ddl(schema: string): string {
    return `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.projection_checkpoints (
  name       text        PRIMARY KEY,
  checkpoint text,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** Creates the checkpoint table and the live tables if needed. */
  async init(): Promise<void> {
    await this.db.exec(ProjectionRunner.ddl(this.options.schema));
    await this.projection.createTables(this.db, this.live);
  }

  /** Runs in the background from the durable checkpoint (or waits as standby for the lock). */
  async start(): Promise<void> {
    await this.init();
    this.stopping = false;
    this.running = this.runWhileReachable().catch((error) => {
      this.failure = error;
      this.options.onError?.(error);
    });
    this.running.finally(() => {
      const error = this.failure ?? new Error(`Projection ${this.projection.name} stopped`);
      for (const w of this.waiters.splice(0)) w.reject(error);
      for (const r of this.requests.splice(0)) r.reject(error);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  /** Resolves once everything visible when called has been applied. */
  /**
   * Resolves once every event committed before the call has been applied. An empty poll is not
   * enough: the reader's horizon stops below any transaction still running in the database, so
   * an unrelated long transaction can hide the caller's own, already committed, event.
   */
  async caughtUp(): Promise<void> {
    const target = await this.store.storage.headCheckpoint();
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiters.push({ afterPoll: this.polls, target, resolve, reject });
      this.wake?.();
    });
  }

  private releaseWaiters(poll: number): void {
    const storage = this.store.storage;
    const reached = (target: Checkpoint | null) =>
      target === null ||
      (this.checkpoint !== null && storage.compareCheckpoints(this.checkpoint, target) >= 0);
    this.waiters = this.waiters.filter((w) =>
      w.afterPoll < poll && reached(w.target) ? (w.resolve(), false) : true,
    );
  }

  /** Rebuilds from position zero into shadow tables, then swaps them in; returns events applied. */
  rebuild(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.requests.push({ kind: 'rebuild', resolve, reject });
      this.wake?.();
    });
  }

  /**
   * Rebuilds from position zero into shadow tables WITHOUT swapping, and reports every row that
   * differs from the live tables at the live checkpoint (there should be none). Needs neither
   * leadership nor a running runner; the live projection keeps working meanwhile.
   */
  compare(options: Omit<CompareOptions, 'schema'> = {}): Promise<ProjectionComparison> {
    return compareWithLive(this.db, this.store, this.projection, {
      batchSize: this.options.rebuildBatchSize,
      ...options,
      schema: this.options.schema,
    });
  }

  /** The tables as they were once every event recorded up to `at` was applied (then dropped). */
  asOf<T>(at: Date, use: (tables: ProjectionTables, applied: number) => Promise<T>): Promise<T> {
    return withProjectionAsOf(
      this.db,
      this.store,
      this.projection,
      { schema: this.options.schema, batchSize: this.options.rebuildBatchSize, at },
      use,
    );
  }

  async lag(): Promise<ProjectionLag> {
    const storage = this.store.storage;
    const head = await storage.headCheckpoint();
    const checkpoint = await this.loadCheckpoint(this.db);
    const caughtUp =
      head === null || (checkpoint !== null && storage.compareCheckpoints(checkpoint, head) >= 0);
    const eventsBehind = caughtUp
      ? 0
      : head === null
        ? 0
        : (storage.eventsBetween?.(checkpoint, head) ?? null);
    return { checkpoint, head, caughtUp, eventsBehind };
  }

  private get live(): ProjectionTables {
    return liveTables(this.options.schema, this.projection);
  }

  /**
   * The database going away (a restart, a failover) pauses the runner instead of stopping it:
   * the lock went with the session, so it queues for it again and resumes from its durable
   * checkpoint once the database answers. Any other failure stops it.
   */
  private async runWhileReachable(): Promise<void> {
    let pauseMs = MIN_RETRY_MS;
    for (;;) {
      try {
        await this.db.session((session) => this.run(session));
        return;
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError) || this.stopping) throw error;
        // Back off while nothing gets through; start again from the shortest pause after progress.
        pauseMs =
          this.polls > this.pollsAtFailure ? MIN_RETRY_MS : Math.min(pauseMs * 2, MAX_RETRY_MS);
        this.pollsAtFailure = this.polls;
        await this.sleep(pauseMs);
        if (this.stopping) return;
      }
    }
  }

  private async run(session: SqlExecutor): Promise<void> {
    const idleMs = this.options.idleMs ?? 200;
    while (!this.stopping && !(await this.tryLock(session))) await this.sleep(idleMs);
    if (this.stopping) return;
    this.leader = true;
    try {
      this.checkpoint = await this.loadCheckpoint(session);
      while (!this.stopping) {
        const request = this.requests.shift();
        if (request) {
          await this.rebuildNow(session).then(request.resolve, request.reject);
          continue;
        }
        const poll = ++this.polls;
        const applied = await this.applyNextBatch(session, this.live, true);
        if (applied === 0) {
          this.releaseWaiters(poll);
          await this.sleep(idleMs);
        }
      }
    } finally {
      this.leader = false;
      await session
        .query('SELECT pg_advisory_unlock($1, hashtext($2))', [
          PROJECTION_LOCK_NAMESPACE,
          this.lockName(),
        ])
        .catch(() => undefined);
    }
  }

  private async applyNextBatch(
    session: SqlExecutor,
    tables: ProjectionTables,
    live: boolean,
  ): Promise<number> {
    const page = await readForProjection(this.store, this.projection, {
      fromCheckpoint: this.checkpoint,
      maxCount: live
        ? (this.options.batchSize ?? 500)
        : (this.options.rebuildBatchSize ?? REBUILD_BATCH_SIZE),
    });
    if (page.events.length === 0) return 0;
    await session.transaction(async (tx) => {
      await applyEvents(this.projection, tx, page.events, tables);
      if (live) await this.saveCheckpoint(tx, this.checkpoint, page.checkpoint as Checkpoint);
    });
    this.checkpoint = page.checkpoint;
    return page.events.length;
  }

  private async rebuildNow(session: SqlExecutor): Promise<number> {
    const shadow = shadowTables(this.options.schema, this.projection);
    for (const table of Object.values(shadow)) await session.exec(`DROP TABLE IF EXISTS ${table}`);
    await this.projection.createTables(session, shadow);
    const liveCheckpoint = this.checkpoint;
    this.checkpoint = null;
    let events = 0;
    try {
      for (let applied = 1; applied > 0; events += applied) {
        applied = await this.applyNextBatch(session, shadow, false);
      }
      const rebuiltAt = this.checkpoint;
      await session.transaction(async (tx) => {
        for (const logical of this.projection.tables) {
          await tx.exec(`DROP TABLE ${this.live[logical]}`);
          await tx.exec(`ALTER TABLE ${shadow[logical]} RENAME TO ${logical}`);
        }
        if (rebuiltAt !== null) await this.saveCheckpoint(tx, liveCheckpoint, rebuiltAt);
      });
      return events;
    } catch (error) {
      this.checkpoint = liveCheckpoint;
      throw error;
    }
  }

  private async tryLock(session: SqlExecutor): Promise<boolean> {
    const { rows } = await session.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
      [PROJECTION_LOCK_NAMESPACE, this.lockName()],
    );
    return rows[0].locked;
  }

  /** One leader per projection and schema: two deployments sharing a database do not wait on
   * each other. */
  private lockName(): string {
    return `${this.options.schema}.${this.projection.name}`;
  }

  private async loadCheckpoint(db: SqlExecutor): Promise<Checkpoint | null> {
    const { rows } = await db.query<{ checkpoint: string | null }>(
      `SELECT checkpoint FROM ${this.options.schema}.projection_checkpoints WHERE name = $1`,
      [this.projection.name],
    );
    return rows[0]?.checkpoint ?? null;
  }

  /** Compare-and-set, so that a runner which lost its lock can never move the checkpoint. */
  private async saveCheckpoint(
    tx: SqlExecutor,
    expected: Checkpoint | null,
    next: Checkpoint,
  ): Promise<void> {
    const S = this.options.schema;
    const result =
      expected === null
        ? await tx.query(
            `INSERT INTO ${S}.projection_checkpoints (name, checkpoint) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()
             WHERE ${S}.projection_checkpoints.checkpoint IS NULL`,
            [this.projection.name, next],
          )
        : await tx.query(
            `UPDATE ${S}.projection_checkpoints SET checkpoint = $2, updated_at = now() WHERE name = $1 AND checkpoint = $3`,
            [this.projection.name, next, expected],
          );
    if (result.rowCount !== 1)
      throw new ProjectionLeadershipLost(
        `Projection ${this.projection.name}: checkpoint moved under us`,
      );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopping) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
