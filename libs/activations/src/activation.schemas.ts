import { EventSchema } from '@sportello/eventstore';
import { ActivationEventType } from './domain/activation.events';

const sealed = (...fields: string[]) => [{ subject: 'subjectId', fields }];

/** Which fields of each activation event are personal data: they are sealed before storage. The
 * ids, the customer type, services, dates, figures and rule ids stay readable. */
export const activationEventSchemas: Record<ActivationEventType, EventSchema> = {
  ActivationRequested: {
    type: 'ActivationRequested',
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
          'address',
        ],
      },
    ],
  },
  TechnicalCheckRecorded: {
    type: 'TechnicalCheckRecorded',
    version: 1,
    personal: sealed('reason'),
  },
  // The same type and schema as a fault's (faults register it too): the registry is shared.
  ActivationLatePauseApproved: {
    type: 'ActivationLatePauseApproved',
    version: 1,
    personal: sealed('reason'),
  },
  ActivationClockPaused: {
    type: 'ActivationClockPaused',
    version: 1,
    personal: sealed('pause.reason'),
  },
  ActivationClockResumed: { type: 'ActivationClockResumed', version: 1 },
  ActivationDelayNotified: {
    type: 'ActivationDelayNotified',
    version: 1,
    personal: sealed('reason'),
  },
  ActivationDeadlineMissed: { type: 'ActivationDeadlineMissed', version: 1 },
  ServiceActivated: { type: 'ServiceActivated', version: 1 },
  ActivationIndemnityAssessed: { type: 'ActivationIndemnityAssessed', version: 1 },
  ActivationSupplementaryIndemnityAssessmentRequested: {
    type: 'ActivationSupplementaryIndemnityAssessmentRequested',
    version: 1,
  },
  IndemnityClaimRecorded: { type: 'IndemnityClaimRecorded', version: 1 },
  ActivationRequestCancelled: {
    type: 'ActivationRequestCancelled',
    version: 1,
    personal: sealed('note'),
  },
};
