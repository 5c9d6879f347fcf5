import { SqlExecutor } from '@sportello/eventstore';
import { ReferenceCodes, referenceInputPattern, referencePattern } from '@sportello/tickets';

export const DIRECTORY_ERROR_REFERENCE = referencePattern('DE');
export const DIRECTORY_ERROR_REFERENCE_INPUT = referenceInputPattern('DE');

/**
 * A unique, human-readable reference for every directory-error ticket (`DE-2026-7K4M9QX2`), to
 * give the customer. Reserved before the error is recorded, so two tickets never share one; the
 * reference is then carried by `DirectoryErrorReported`.
 */
export class DirectoryErrorReferences extends ReferenceCodes {
  constructor(db: SqlExecutor, schema: string) {
    super(db, schema, {
      prefix: 'DE',
      table: 'directory_error_references',
      idColumn: 'error_id',
      noun: 'directory error reference',
    });
  }

  errorOf(reference: string): Promise<string | null> {
    return this.ticketOf(reference);
  }
}
