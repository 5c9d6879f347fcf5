import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { ActivationReferences } from './application/references/activation-references';
import { activationsListProjection } from './read-models/activations-list.projection';

const ACTIVATIONS_DDL_LOCK = 0x53_41_43_54; // 'SACT'

/** The API and the worker may start together: the activation tables are created under a lock. */
export async function createActivationTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ACTIVATIONS_DDL_LOCK]);
    await new ActivationReferences(tx, schema).init();
    await tx.exec(ProjectionRunner.ddl(schema));
    await activationsListProjection.createTables(tx, liveTables(schema, activationsListProjection));
  });
}
