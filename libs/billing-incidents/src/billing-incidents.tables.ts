import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { billingIncidentsProjection } from './read-models/billing-incidents.projection';

const BILLING_INCIDENTS_DDL_LOCK = 0x53_42_49_4c; // 'SBIL'

/** The API and the worker may start together: the tables are created under a lock. */
export async function createBillingIncidentTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BILLING_INCIDENTS_DDL_LOCK]);
    await tx.exec(ProjectionRunner.ddl(schema));
    await billingIncidentsProjection.createTables(
      tx,
      liveTables(schema, billingIncidentsProjection),
    );
  });
}
