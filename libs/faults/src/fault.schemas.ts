import { EventSchema } from '@sportello/eventstore';
import { customerNotifiedSchema } from '@sportello/notifications';
import { FaultEventType } from './domain/fault.events';
import { OutageEventType } from './domain/outage.events';

const sealed = (...fields: string[]) => [{ subject: 'subjectId', fields }];

/** Which fields of each fault event are personal data: they are sealed before storage. The ids,
 * the customer type, dates, figures and rule ids stay readable. */
export const faultEventSchemas: Record<FaultEventType, EventSchema> = {
  FaultReported: {
    type: 'FaultReported',
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
          'description',
        ],
      },
    ],
  },
  RemoteInterventionRecorded: {
    type: 'RemoteInterventionRecorded',
    version: 1,
    personal: sealed('notes'),
  },
  TechnicianVisitScheduled: { type: 'TechnicianVisitScheduled', version: 1 },
  TechnicianVisitDone: { type: 'TechnicianVisitDone', version: 1, personal: sealed('notes') },
  LatePauseApproved: { type: 'LatePauseApproved', version: 1, personal: sealed('reason') },
  RepairClockPaused: { type: 'RepairClockPaused', version: 1, personal: sealed('pause.reason') },
  RepairClockResumed: { type: 'RepairClockResumed', version: 1 },
  FaultMarkedComplex: { type: 'FaultMarkedComplex', version: 1, personal: sealed('reasons') },
  ExceptionalFaultUpdated: { type: 'ExceptionalFaultUpdated', version: 1 },
  FaultLinkedToIncident: { type: 'FaultLinkedToIncident', version: 1 },
  RepairDeadlineMissed: { type: 'RepairDeadlineMissed', version: 1 },
  ServiceRestored: { type: 'ServiceRestored', version: 1 },
  RepairIndemnityAssessed: { type: 'RepairIndemnityAssessed', version: 1 },
  SupplementaryIndemnityAssessmentRequested: {
    type: 'SupplementaryIndemnityAssessmentRequested',
    version: 1,
  },
  ComplexFaultIndemnityReviewed: {
    type: 'ComplexFaultIndemnityReviewed',
    version: 1,
    personal: sealed('reason'),
  },
  FaultClosed: { type: 'FaultClosed', version: 1, personal: sealed('finding') },
  FaultReopened: { type: 'FaultReopened', version: 1, personal: sealed('reason') },
};

/** Outages are about places and network causes, not about a person: nothing to seal. */
export const outageEventSchemas: Record<OutageEventType, EventSchema> = {
  OutageDeclared: { type: 'OutageDeclared', version: 1 },
  OutageFaultsLinked: { type: 'OutageFaultsLinked', version: 1 },
  OutageUpdated: { type: 'OutageUpdated', version: 1 },
};

/** Everything a fault or outage stream may hold, notices sent to the customer included. */
export const faultStreamSchemas: EventSchema[] = [
  ...Object.values(faultEventSchemas),
  ...Object.values(outageEventSchemas),
  customerNotifiedSchema,
];
