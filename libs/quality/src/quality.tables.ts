import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { qualityFactsProjection } from './read-models/quality-facts.projection';

const QUALITY_DDL_LOCK = 0x53_51_55_41; // 'SQUA'

/** The API and the worker may start together: the quality tables are created under a lock. */
export async function createQualityTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [QUALITY_DDL_LOCK]);
    await tx.exec(ProjectionRunner.ddl(schema));
    await qualityFactsProjection.createTables(tx, liveTables(schema, qualityFactsProjection));
  });
}
