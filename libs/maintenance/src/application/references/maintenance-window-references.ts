import { SqlExecutor } from '@sportello/eventstore';
import { ReferenceCodes, referenceInputPattern, referencePattern } from '@sportello/tickets';

export const MAINTENANCE_REFERENCE = referencePattern('MW');
export const MAINTENANCE_REFERENCE_INPUT = referenceInputPattern('MW');

/**
 * A unique, human-readable reference for every maintenance window
 * (`MW-2026-7K4M9QX2`), quoted in notices and disputes. Reserved before the window is registered,
 * so two windows never share one; the reference is then carried by `MaintenanceWindowRegistered`.
 */
export class MaintenanceWindowReferences extends ReferenceCodes {
  constructor(db: SqlExecutor, schema: string) {
    super(db, schema, {
      prefix: 'MW',
      table: 'maintenance_window_references',
      idColumn: 'window_id',
      noun: 'maintenance window reference',
    });
  }

  windowOf(reference: string): Promise<string | null> {
    return this.ticketOf(reference);
  }
}
