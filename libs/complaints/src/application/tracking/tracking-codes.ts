import { SqlExecutor } from '@sportello/eventstore';
import { ReferenceCodes, referencePattern } from '@sportello/tickets';

const CODE = referencePattern('RC');

export function isTrackingCode(value: string): boolean {
  return CODE.test(value);
}

/**
 * CMP-2: a unique, human-readable reference for every complaint (`RC-2026-7K4M9QX2`). Reserved in
 * a table before the complaint is filed, so two complaints can never share one, and a retried
 * filing gets the same.
 */
export class TrackingCodes extends ReferenceCodes {
  constructor(db: SqlExecutor, schema: string) {
    super(db, schema, {
      prefix: 'RC',
      table: 'complaint_tracking_codes',
      idColumn: 'complaint_id',
      codeColumn: 'tracking_code',
      noun: 'tracking code',
    });
  }

  codeOf(complaintId: string): Promise<string | null> {
    return this.referenceOf(complaintId);
  }

  complaintOf(trackingCode: string): Promise<string | null> {
    return this.ticketOf(trackingCode);
  }
}
