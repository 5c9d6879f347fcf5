import { SqlExecutor } from '@sportello/eventstore';
import { ReferenceCodes, referencePattern } from '@sportello/tickets';

export const FAULT_REFERENCE = referencePattern('GU');

export function isFaultReference(value: string): boolean {
  return FAULT_REFERENCE.test(value);
}

/**
 * A unique, human-readable reference for every fault report (`GU-2026-7K4M9QX2`), to give the
 * customer. Reserved in a table before the fault is reported, so two faults never share one, and
 * a retried report gets the same.
 */
export class FaultReferences extends ReferenceCodes {
  constructor(db: SqlExecutor, schema: string) {
    super(db, schema, {
      prefix: 'GU',
      table: 'fault_references',
      idColumn: 'fault_id',
      noun: 'fault reference',
    });
  }

  faultOf(reference: string): Promise<string | null> {
    return this.ticketOf(reference);
  }
}
