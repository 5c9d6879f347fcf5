import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { MaintenanceWindowReferences } from './application/references/maintenance-window-references';
import { maintenanceWindowsProjection } from './read-models/maintenance-windows.projection';

const MAINTENANCE_DDL_LOCK = 0x53_4d_4e_54; // 'SMNT'

/** The API and the worker may start together: the maintenance tables are created under a lock. */
export async function createMaintenanceTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MAINTENANCE_DDL_LOCK]);
    await new MaintenanceWindowReferences(tx, schema).init();
    await tx.exec(ProjectionRunner.ddl(schema));
    await maintenanceWindowsProjection.createTables(
      tx,
      liveTables(schema, maintenanceWindowsProjection),
    );
  });
}
