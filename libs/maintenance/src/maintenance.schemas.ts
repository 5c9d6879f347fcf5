import { EventSchema } from '@sportello/eventstore';
import { MaintenanceEventType } from './domain/maintenance.events';

/** Each affected line's id is sealed under its own customer (one key per data subject). */
const linesOf = (each: string) => [{ each, subject: 'subjectId', fields: ['lineId'] }];

/** Which fields of each maintenance event are personal data: they are sealed before storage.
 * The area, times, notices, compliance and figures are about the network, not a person. */
export const maintenanceEventSchemas: Record<MaintenanceEventType, EventSchema> = {
  MaintenanceWindowRegistered: {
    type: 'MaintenanceWindowRegistered',
    version: 1,
    personal: linesOf('affected.lines'),
  },
  MaintenanceNoticePublished: { type: 'MaintenanceNoticePublished', version: 1 },
  MaintenanceWindowRescheduled: { type: 'MaintenanceWindowRescheduled', version: 1 },
  MaintenanceStarted: { type: 'MaintenanceStarted', version: 1 },
  MaintenanceNoticeBreached: { type: 'MaintenanceNoticeBreached', version: 1 },
  MaintenanceEnded: { type: 'MaintenanceEnded', version: 1 },
  MaintenanceNoticeIndemnityAssessed: {
    type: 'MaintenanceNoticeIndemnityAssessed',
    version: 1,
    personal: linesOf('lines'),
  },
  MaintenanceWindowCancelled: { type: 'MaintenanceWindowCancelled', version: 1 },
};
