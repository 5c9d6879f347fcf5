import { SqlExecutor } from '@sportello/eventstore';
import { ReferenceCodes, referencePattern } from '@sportello/tickets';

export const ASSISTANCE_REFERENCE = referencePattern('AS');

export function isAssistanceReference(value: string): boolean {
  return ASSISTANCE_REFERENCE.test(value);
}

/**
 * A unique, human-readable reference for every assistance ticket (`AS-2026-7K4M9QX2`), to give
 * the customer. Reserved in a table before the ticket is opened, so two tickets never share one.
 */
export class AssistanceReferences extends ReferenceCodes {
  constructor(db: SqlExecutor, schema: string) {
    super(db, schema, {
      prefix: 'AS',
      table: 'assistance_references',
      idColumn: 'ticket_id',
      noun: 'assistance reference',
    });
  }
}
