import { EventSchema } from '@sportello/eventstore';
import { DirectoryEventType } from './domain/directory.events';

/** Which fields of each directory-error event are personal data: they are sealed before
 * storage. Both listings (as requested and as published) are sealed whole; the names of the
 * wrong fields, the dates and the figures stay readable. */
export const directoryEventSchemas: Record<DirectoryEventType, EventSchema> = {
  DirectoryErrorReported: {
    type: 'DirectoryErrorReported',
    version: 1,
    personal: [
      {
        subject: 'customer.subjectId',
        fields: [
          'customer.name',
          'customer.fiscalCode',
          'customer.vatNumber',
          'customer.phone',
          'customer.email',
          'customer.lineId',
          'lineId',
          'requested.listing',
          'published',
        ],
      },
    ],
  },
  DirectoryErrorAttributionDecided: {
    type: 'DirectoryErrorAttributionDecided',
    version: 1,
    personal: [{ subject: 'subjectId', fields: ['reason'] }],
  },
  DirectoryErrorIndemnityAssessed: { type: 'DirectoryErrorIndemnityAssessed', version: 1 },
  DirectoryListingCorrected: { type: 'DirectoryListingCorrected', version: 1 },
};
