import { EventSchema } from '@sportello/eventstore';
import { AssistanceEventType } from './domain/assistance.events';
import { PERSONAL_FIELDS } from './domain/assistance.policy';

const sealed = (...fields: string[]) => [{ subject: 'subjectId', fields }];
const person = (prefix: string) => PERSONAL_FIELDS.map((field) => `${prefix}${field}`);

/**
 * Which fields of each assistance event are personal data: they are sealed before storage under
 * the data subject they concern (PRV-2). Ids, categories, times, rule ids and scopes stay
 * readable; free text written by or about the customer is sealed.
 */
export const assistanceEventSchemas: Record<AssistanceEventType, EventSchema> = {
  AssistanceTicketOpened: {
    type: 'AssistanceTicketOpened',
    version: 1,
    personal: [
      { subject: 'caller.subjectId', fields: [...person('caller.'), 'problem.summary'] },
      { each: 'involved', subject: 'subjectId', fields: person('') },
    ],
  },
  InvolvedPersonAdded: {
    type: 'InvolvedPersonAdded',
    version: 1,
    personal: [{ subject: 'person.subjectId', fields: person('person.') }],
  },
  AssistanceContactDetailsUpdated: {
    type: 'AssistanceContactDetailsUpdated',
    version: 1,
    personal: sealed(...person('changes.')),
  },
  AssistanceStepRecorded: { type: 'AssistanceStepRecorded', version: 1, personal: sealed('note') },
  AssistanceAttachmentAdded: {
    type: 'AssistanceAttachmentAdded',
    version: 1,
    personal: sealed('description'),
  },
  AssistanceCallbackScheduled: { type: 'AssistanceCallbackScheduled', version: 1 },
  CustomerDataRequested: { type: 'CustomerDataRequested', version: 1, personal: sealed('reason') },
  ProhibitedDataRequestBlocked: { type: 'ProhibitedDataRequestBlocked', version: 1 },
  CustomerConsentRecorded: {
    type: 'CustomerConsentRecorded',
    version: 1,
    personal: sealed('action.description'),
  },
  CustomerConsentWithdrawn: { type: 'CustomerConsentWithdrawn', version: 1 },
  ImpersonationRequested: {
    type: 'ImpersonationRequested',
    version: 1,
    personal: sealed('purpose'),
  },
  ImpersonationRefused: { type: 'ImpersonationRefused', version: 1 },
  ImpersonationSessionStarted: { type: 'ImpersonationSessionStarted', version: 1 },
  ImpersonationTokenIssued: { type: 'ImpersonationTokenIssued', version: 1 },
  ImpersonationResourceViewed: {
    type: 'ImpersonationResourceViewed',
    version: 1,
    personal: sealed('resource'),
  },
  ImpersonationActionBlocked: {
    type: 'ImpersonationActionBlocked',
    version: 1,
    personal: sealed('resource'),
  },
  ImpersonationTokenRefused: { type: 'ImpersonationTokenRefused', version: 1 },
  ImpersonationSessionEnded: { type: 'ImpersonationSessionEnded', version: 1 },
  ImpersonationSessionExpired: { type: 'ImpersonationSessionExpired', version: 1 },
  RemoteAssistanceProposed: {
    type: 'RemoteAssistanceProposed',
    version: 1,
    personal: sealed('purpose'),
  },
  RemoteAssistanceSessionStarted: { type: 'RemoteAssistanceSessionStarted', version: 1 },
  RemoteDeviceActionPerformed: {
    type: 'RemoteDeviceActionPerformed',
    version: 1,
    personal: sealed('description'),
  },
  RemoteAssistanceSessionEnded: { type: 'RemoteAssistanceSessionEnded', version: 1 },
  RemoteAssistanceSessionExpired: { type: 'RemoteAssistanceSessionExpired', version: 1 },
  CustomerContactRecorded: {
    type: 'CustomerContactRecorded',
    version: 1,
    personal: sealed('summary'),
  },
  AssistanceTicketClosed: {
    type: 'AssistanceTicketClosed',
    version: 1,
    personal: sealed('summary'),
  },
  AssistanceTicketReopened: { type: 'AssistanceTicketReopened', version: 1 },
};
