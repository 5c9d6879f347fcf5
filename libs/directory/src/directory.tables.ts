import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { DirectoryErrorReferences } from './application/references/directory-error-references';
import { directoryErrorsProjection } from './read-models/directory-errors.projection';

const DIRECTORY_DDL_LOCK = 0x53_44_49_52; // 'SDIR'

/** The API and the worker may start together: the directory tables are created under a lock. */
export async function createDirectoryTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DIRECTORY_DDL_LOCK]);
    await new DirectoryErrorReferences(tx, schema).init();
    await tx.exec(ProjectionRunner.ddl(schema));
    await directoryErrorsProjection.createTables(tx, liveTables(schema, directoryErrorsProjection));
  });
}
