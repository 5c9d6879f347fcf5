import { ReadAllOptions, ReadAllPage, RecordedEvent } from '../port/event-store.port';
import { SqlExecutor } from '../sql/sql-executor';
import type { SealingEventStore } from '../store/sealing-event-store';

/** Logical table name → the physical, schema-qualified table to use this time (live or shadow). */
export type ProjectionTables = Readonly<Record<string, string>>;

/**
 * A read model kept in SQL tables. `apply` runs inside the runner's transaction together with the
 * checkpoint update, so each event lands exactly once. Tables are named through `t` so that the
 * same code fills the live tables or a shadow copy being rebuilt; do not name indexes (Postgres
 * generates unique names, which lets shadow tables be renamed over live ones).
 */
export interface Projection {
  readonly name: string;
  readonly tables: readonly string[];
  createTables(db: SqlExecutor, t: ProjectionTables): Promise<void>;
  apply(db: SqlExecutor, event: RecordedEvent, t: ProjectionTables): Promise<void>;
  /**
   * Applies events in order with the same outcome as `apply` on each, in a few statements:
   * what makes a rebuild fast. Without it the runner calls `apply` once per event.
   */
  applyBatch?(
    db: SqlExecutor,
    events: readonly RecordedEvent[],
    t: ProjectionTables,
  ): Promise<void>;
  /**
   * `false` when the read model keeps no personal data: it is then handed events with personal
   * fields still sealed, sparing a key lookup and a decryption per field.
   */
  readonly needsPersonalData?: boolean;
}

/**
 * Events per transaction when a read model is folded from position zero (rebuild, compare,
 * as-of). Large, because a ticket's events lie far apart in the log: the larger the batch, the
 * more of them a row fold writes as one row.
 */
export const REBUILD_BATCH_SIZE = 5_000;

/** Applies a batch the fastest way the projection offers. */
export async function applyEvents(
  projection: Projection,
  db: SqlExecutor,
  events: readonly RecordedEvent[],
  t: ProjectionTables,
): Promise<void> {
  if (events.length === 0) return;
  if (projection.applyBatch) return projection.applyBatch(db, events, t);
  for (const event of events) await projection.apply(db, event, t);
}

/** Reads the log the way the projection needs it: opened, or sealed when it keeps no personal data. */
export function readForProjection(
  store: SealingEventStore,
  projection: Projection,
  options: ReadAllOptions,
): Promise<ReadAllPage> {
  return projection.needsPersonalData === false
    ? store.readAllSealed(options)
    : store.readAll(options);
}

export function liveTables(schema: string, projection: Projection): ProjectionTables {
  return Object.fromEntries(projection.tables.map((table) => [table, `${schema}.${table}`]));
}

export function shadowTables(
  schema: string,
  projection: Projection,
  suffix = 'shadow',
): ProjectionTables {
  return Object.fromEntries(
    projection.tables.map((table) => [table, `${schema}.${table}__${suffix}`]),
  );
}

/**
 * Creates a read-model table and its indexes only if the table is missing. Indexes stay unnamed
 * (Postgres names them uniquely), so a rebuilt shadow table can be renamed over the live one and
 * rebuilt again later without clashing names.
 */
export async function createTableOnce(
  db: SqlExecutor,
  table: string,
  createTable: string,
  indexes: string[] = [],
): Promise<void> {
  const { rows } = await db.query<{ exists: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS exists',
    [table],
  );
  if (rows[0].exists) return;
  await db.exec(createTable);
  for (const columns of indexes) await db.exec(`CREATE INDEX ON ${table} (${columns})`);
}
