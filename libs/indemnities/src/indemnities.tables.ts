import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { indemnityLedgerProjection } from './read-models/indemnity-ledger.projection';

const INDEMNITIES_DDL_LOCK = 0x53_49_4e_44; // 'SIND'

/** The API and the worker may start together: the ledger tables are created under a lock. */
export async function createIndemnityTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [INDEMNITIES_DDL_LOCK]);
    await tx.exec(ProjectionRunner.ddl(schema));
    await indemnityLedgerProjection.createTables(tx, liveTables(schema, indemnityLedgerProjection));
  });
}
