import { SqlExecutor } from '@sportello/eventstore';
import { ReferenceCodes, referenceInputPattern, referencePattern } from '@sportello/tickets';

export const ACTIVATION_REFERENCE = referencePattern('AT');
export const ACTIVATION_REFERENCE_INPUT = referenceInputPattern('AT');

/**
 * A unique, human-readable reference for every activation or relocation request
 * (`AT-2026-7K4M9QX2`), to give the customer. Reserved before the request is recorded, so two
 * requests never share one; the reference is then carried by `ActivationRequested`.
 */
export class ActivationReferences extends ReferenceCodes {
  constructor(db: SqlExecutor, schema: string) {
    super(db, schema, {
      prefix: 'AT',
      table: 'activation_references',
      idColumn: 'activation_id',
      noun: 'activation reference',
    });
  }

  activationOf(reference: string): Promise<string | null> {
    return this.ticketOf(reference);
  }
}
