import { randomBytes } from 'node:crypto';
import { Checkpoint, RecordedEvent } from '../port/event-store.port';
import { assertSchemaName, SqlExecutor } from '../sql/sql-executor';
import { SealingEventStore } from '../store/sealing-event-store';
import {
  applyEvents,
  Projection,
  ProjectionTables,
  readForProjection,
  REBUILD_BATCH_SIZE,
  shadowTables,
} from './projection';

/** Tables of one projection filled from the log beside the live ones, never swapped in. */
export interface ShadowTables {
  readonly tables: ProjectionTables;
  /** The last event read into them (applied or skipped); null before the first. */
  readonly checkpoint: Checkpoint | null;
  /** How many events were applied. */
  readonly applied: number;
  /** Reads further, up to and including `until` (or to the end of the log when null). */
  applyUpTo(until: Checkpoint | null): Promise<number>;
  drop(): Promise<void>;
}

export interface ShadowOptions {
  schema: string;
  /** Events read and applied per transaction; REBUILD_BATCH_SIZE unless given. */
  batchSize?: number;
  /** Only these events are applied (e.g. recorded up to an instant); the rest are read and skipped. */
  include?: (event: RecordedEvent) => boolean;
  onProgress?: (eventsRead: number) => void;
}

/** Unique per build, so that audits running at once (or beside a runner's rebuild) never clash. */
function auditSuffix(): string {
  return `audit_${randomBytes(4).toString('hex')}`;
}

/**
 * Creates fresh copies of a projection's tables (`<table>__audit_<random>`) and folds the log
 * into them from position zero, batch by batch, each batch in its own short transaction.
 */
export async function createShadowTables(
  db: SqlExecutor,
  store: SealingEventStore,
  projection: Projection,
  options: ShadowOptions,
): Promise<ShadowTables> {
  assertSchemaName(options.schema);
  const tables = shadowTables(options.schema, projection, auditSuffix());
  const storage = store.storage;
  const batchSize = options.batchSize ?? REBUILD_BATCH_SIZE;
  let checkpoint: Checkpoint | null = null;
  let applied = 0;
  let read = 0;

  const drop = async () => {
    for (const table of Object.values(tables)) await db.exec(`DROP TABLE IF EXISTS ${table}`);
  };
  try {
    await projection.createTables(db, tables);
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }

  const within = (event: RecordedEvent, until: Checkpoint | null) =>
    until === null || storage.compareCheckpoints(event.position, until) <= 0;

  return {
    tables,
    get checkpoint() {
      return checkpoint;
    },
    get applied() {
      return applied;
    },
    drop,
    async applyUpTo(until) {
      let appliedNow = 0;
      for (;;) {
        if (
          until !== null &&
          checkpoint !== null &&
          storage.compareCheckpoints(checkpoint, until) >= 0
        )
          return appliedNow;
        const page = await readForProjection(store, projection, {
          fromCheckpoint: checkpoint,
          maxCount: batchSize,
        });
        const batch = page.events.filter((event) => within(event, until));
        if (batch.length === 0) return appliedNow;
        const chosen = options.include ? batch.filter(options.include) : batch;
        if (chosen.length)
          await db.transaction((tx) => applyEvents(projection, tx, chosen, tables));
        checkpoint = batch[batch.length - 1].position;
        applied += chosen.length;
        appliedNow += chosen.length;
        read += batch.length;
        options.onProgress?.(read);
        if (batch.length < page.events.length || page.events.length < batchSize) return appliedNow;
      }
    },
  };
}

/**
 * Time travel for read models (folded from the log, never from snapshots): builds the tables
 * as they were once every event recorded up to `at` had been applied, lets `use` read them,
 * then drops them.
 */
export async function withProjectionAsOf<T>(
  db: SqlExecutor,
  store: SealingEventStore,
  projection: Projection,
  options: Omit<ShadowOptions, 'include'> & { at: Date },
  use: (tables: ProjectionTables, applied: number) => Promise<T>,
): Promise<T> {
  const at = options.at.getTime();
  const shadow = await createShadowTables(db, store, projection, {
    ...options,
    include: (event) => Date.parse(event.metadata.recordedAt) <= at,
  });
  try {
    await shadow.applyUpTo(null);
    return await use(shadow.tables, shadow.applied);
  } finally {
    await shadow.drop();
  }
}
