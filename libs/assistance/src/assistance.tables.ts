import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { AssistanceReferences } from './application/references/assistance-references';
import { assistanceTicketsProjection } from './read-models/assistance-tickets.projection';

const ASSISTANCE_DDL_LOCK = 0x53_41_53_53; // 'SASS'

/** The API and the worker may start together: the assistance tables are created under a lock. */
export async function createAssistanceTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ASSISTANCE_DDL_LOCK]);
    await new AssistanceReferences(tx, schema).init();
    await tx.exec(ProjectionRunner.ddl(schema));
    await assistanceTicketsProjection.createTables(
      tx,
      liveTables(schema, assistanceTicketsProjection),
    );
  });
}
