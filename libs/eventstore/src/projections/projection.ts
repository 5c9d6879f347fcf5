import { RecordedEvent } from '../port/event-store.port';
import { SqlExecutor } from '../sql/sql-executor';

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
