import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { TrackingCodes } from './application/tracking/tracking-codes';
import { complaintsListProjection } from './read-models/complaints-list.projection';

const COMPLAINTS_DDL_LOCK = 0x53_43_4d_50; // 'SCMP'

/** The API and the worker may start together: the complaints tables are created under a lock. */
export async function createComplaintTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [COMPLAINTS_DDL_LOCK]);
    await new TrackingCodes(tx, schema).init();
    await tx.exec(ProjectionRunner.ddl(schema));
    await complaintsListProjection.createTables(tx, liveTables(schema, complaintsListProjection));
  });
}
