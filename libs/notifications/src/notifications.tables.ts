import { liveTables, Projection, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';

const NOTIFICATIONS_DDL_LOCK = 0x53_4e_54_46; // 'SNTF'

/** Workers may start together: the outbox table is created under a lock. */
export async function createNotificationTables(
  db: SqlExecutor,
  schema: string,
  outbox: Projection,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [NOTIFICATIONS_DDL_LOCK]);
    await tx.exec(ProjectionRunner.ddl(schema));
    await outbox.createTables(tx, liveTables(schema, outbox));
  });
}
