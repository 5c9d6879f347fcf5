import {
  EventStorage,
  KeyWrapper,
  PostgresEventStorage,
  SqlExecutor,
  SqlKeyVault,
} from '@sportello/eventstore';
import { PlatformConfig } from '../config/platform-config';
import { IdempotencySecrets } from '../idempotency/idempotency-secrets';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import { Clock } from '@sportello/clock';
import { PreflightError } from '../startup/preflight';
import { KurrentDbEventStorage } from '@sportello/eventstore/adapters/kurrentdb/kurrentdb-event-storage';

const SCHEMA_INIT_LOCK = 0x53_50_49_4e; // 'SPIN': one process creates the tables at a time

/** The adapter the configuration asks for: KurrentDB when EVENTSTORE_URL is set, else SQL. */
export async function openEventStorage(
  config: PlatformConfig,
  db: SqlExecutor,
): Promise<EventStorage> {
  if (config.eventStore.kind === 'kurrentdb') {
    const storage = new KurrentDbEventStorage(config.eventStore.url);
    try {
      await storage.init();
    } catch (error) {
      await storage.close().catch(() => undefined);
      throw new PreflightError(
        `KurrentDB is not reachable at EVENTSTORE_URL (${(error as Error).name}): start it, or unset EVENTSTORE_URL to keep the events in PostgreSQL.`,
      );
    }
    return storage;
  }
  return new PostgresEventStorage(db, config.database.schema);
}

/**
 * Creates the platform's tables. An API and a worker starting together would race on
 * `CREATE ... IF NOT EXISTS`, so the DDL runs under a transaction-scoped advisory lock.
 */
export async function createPlatformTables(
  config: PlatformConfig,
  db: SqlExecutor,
  clock: Clock,
): Promise<void> {
  const schema = config.database.schema;
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_INIT_LOCK]);
    if (config.eventStore.kind === 'sql') await new PostgresEventStorage(tx, schema).init();
    await new SqlKeyVault(tx, KeyWrapper.fromBase64(config.keyVault.masterKey), schema).init();
    await new IdempotencyStore(tx, clock, new IdempotencySecrets(config.keyVault.masterKey), {
      schema,
      ttlHours: config.idempotency.ttlHours,
    }).init();
  });
}
