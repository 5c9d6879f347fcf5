import { EventSchema } from '@sportello/eventstore';
import { DataSubjectEventType } from './domain/data-subject.events';

const own = (...fields: string[]) => [{ subject: 'subjectId', fields }];

/** Which fields of each privacy event are personal data: sealed under the subject's own key. */
export const dataSubjectEventSchemas: Record<DataSubjectEventType, EventSchema> = {
  ErasureRequested: { type: 'ErasureRequested', version: 1, personal: own('reference') },
  ErasureHeld: { type: 'ErasureHeld', version: 1 },
  SubjectErased: { type: 'SubjectErased', version: 1 },
  DataExportRequested: { type: 'DataExportRequested', version: 1, personal: own('reference') },
  DataExportDelivered: { type: 'DataExportDelivered', version: 1 },
  SubjectDataRectified: {
    type: 'SubjectDataRectified',
    version: 1,
    personal: own('value', 'replaces', 'reason'),
  },
};
