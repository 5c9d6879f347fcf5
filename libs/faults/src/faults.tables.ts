import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { FaultReferences } from './application/tracking/fault-references';
import { faultsListProjection } from './read-models/faults-list.projection';

const FAULTS_DDL_LOCK = 0x53_46_4c_54; // 'SFLT'

/** The API and the worker may start together: the fault tables are created under a lock. */
export async function createFaultTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [FAULTS_DDL_LOCK]);
    await new FaultReferences(tx, schema).init();
    await tx.exec(ProjectionRunner.ddl(schema));
    await faultsListProjection.createTables(tx, liveTables(schema, faultsListProjection));
  });
}
