/** Conformance harnesses over a real PostgreSQL server and over embedded PGlite. */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStorage } from '../adapters/postgres/postgres-event-storage';
import { SealedEvent } from '../port/event-storage.spi';
import { PgExecutor } from '../sql/pg-executor';
import { PGliteExecutor } from '../sql/pglite-executor';
import { SqlExecutor } from '../sql/sql-executor';
import { ConformanceHarness } from './conformance';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other test file or run uses, so test files can run side by side. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

function sqlHarness(
  db: SqlExecutor,
  schema: string,
  storage: PostgresEventStorage,
  drop: () => Promise<void>,
): ConformanceHarness {
  return {
    storage,
    rawDump: async () => {
      const { rows } = await db.query<{ row: string }>(
        `SELECT e::text AS row FROM ${schema}.events e ORDER BY position`,
      );
      return rows.map((r) => r.row).join('\n');
    },
    tamper: {
      editData: async (stream, revision, data) => {
        await db.query(
          `UPDATE ${schema}.events SET data = $3::json WHERE stream = $1 AND revision = $2`,
          [stream, revision, JSON.stringify(data)],
        );
      },
      deleteEvent: async (stream, revision) => {
        await db.query(`DELETE FROM ${schema}.events WHERE stream = $1 AND revision = $2`, [
          stream,
          revision,
        ]);
      },
    },
    close: drop,
  };
}

export async function postgresHarness(db: PgExecutor): Promise<ConformanceHarness> {
  const schema = uniqueSchema('conf_pg');
  const storage = new PostgresEventStorage(db, schema);
  await storage.init();
  return {
    ...sqlHarness(db, schema, storage, () => db.exec(`DROP SCHEMA ${schema} CASCADE`)),
    appendWithDelayedCommit: (stream, events) =>
      delayedCommitAppend(db.pool, schema, stream, events),
  };
}

export async function pgliteHarness(db: PGliteExecutor): Promise<ConformanceHarness> {
  const schema = uniqueSchema('conf_lite');
  const storage = new PostgresEventStorage(db, schema);
  await storage.init();
  return sqlHarness(db, schema, storage, () => db.exec(`DROP SCHEMA ${schema} CASCADE`));
}

/** Appends on a connection of its own inside a transaction left open until `commit()`. */
async function delayedCommitAppend(
  pool: Pool,
  schema: string,
  stream: string,
  events: SealedEvent[],
) {
  const client = await pool.connect();
  const executor: SqlExecutor = {
    dialect: 'postgres',
    query: async <R>(sql: string, params?: unknown[]) => {
      const result = await client.query(sql, params);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    exec: async (sql) => void (await client.query(sql)),
    transaction: (fn) => fn(executor),
    session: (fn) => fn(executor),
    close: async () => undefined,
  };
  await client.query('BEGIN');
  const outcome = await new PostgresEventStorage(executor, schema).appendSealed(
    stream,
    events,
    'any',
  );
  if (outcome.status !== 'appended') throw new Error(`Staged append failed: ${outcome.status}`);
  return {
    commit: async () => {
      await client.query('COMMIT');
      client.release();
    },
  };
}
