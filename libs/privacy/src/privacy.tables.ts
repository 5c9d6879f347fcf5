import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { AccessLog } from './access/access-log';
import { PrivacyPolicy } from './domain/privacy-policy';
import { subjectStreamsProjection } from './read-models/subject-streams.projection';
import { SubjectRegistry } from './registry/subject-registry';

const PRIVACY_DDL_LOCK = 0x53_50_52_56; // 'SPRV'

/** The API and the worker may start together: the privacy tables are created under a lock. */
export async function createPrivacyTables(
  db: SqlExecutor,
  schema: string,
  policy: PrivacyPolicy,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PRIVACY_DDL_LOCK]);
    await tx.exec(SubjectRegistry.ddl(schema));
    await tx.exec(AccessLog.ddl(schema));
    await tx.exec(ProjectionRunner.ddl(schema));
    const projection = subjectStreamsProjection(policy);
    await projection.createTables(tx, liveTables(schema, projection));
  });
}
