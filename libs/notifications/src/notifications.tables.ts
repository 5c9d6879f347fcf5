import { liveTables, Projection, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { OUTBOX_TABLE } from './outbox/notification-outbox.projection';

const NOTIFICATIONS_DDL_LOCK = 0x53_4e_54_46; // 'SNTF'

/**
 * Workers may start together: the outbox table is created under a lock. A subject's export or
 * erasure finds its notices by `subject_id` (the index is added to outboxes created before it).
 */
export async function createNotificationTables(
  db: SqlExecutor,
  schema: string,
  outbox: Projection,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [NOTIFICATIONS_DDL_LOCK]);
    await tx.exec(ProjectionRunner.ddl(schema));
    await outbox.createTables(tx, liveTables(schema, outbox));
    await tx.exec(
      `CREATE INDEX IF NOT EXISTS ${OUTBOX_TABLE}_subject ON ${schema}.${OUTBOX_TABLE} (subject_id)`,
    );
  });
}
