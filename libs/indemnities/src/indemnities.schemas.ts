import { EventSchema } from '@sportello/eventstore';
import { LedgerEventType } from './domain/indemnity.events';

/** The ledger's events hold ids and figures only: no personal data to seal. */
export const indemnityEventSchemas: Record<LedgerEventType, EventSchema> = {
  IndemnityAssessed: { type: 'IndemnityAssessed', version: 1 },
  IndemnityCredited: { type: 'IndemnityCredited', version: 1 },
  SupplementaryIndemnityDecided: {
    type: 'SupplementaryIndemnityDecided',
    version: 1,
    personal: [{ subject: 'subjectId', fields: ['reason'] }],
  },
};
