import { Decider } from '@sportello/decider';
import { AssistanceCommand } from './assistance.commands';
import { AssistanceEvent } from './assistance.events';
import { AssistanceState, evolveAssistance, initialAssistanceState } from './assistance.state';
import { recordConsent, withdrawConsent } from './consent.rules';
import {
  endImpersonation,
  issueToken,
  recordActivity,
  requestImpersonation,
  startImpersonation,
} from './impersonation.rules';
import { RECORDED_REFUSALS } from './recorded-refusals';
import {
  endRemoteAssistance,
  performDeviceAction,
  proposeRemoteAssistance,
  startRemoteAssistance,
} from './remote-assistance.rules';
import { expireDueSessions } from './session-endings';
import {
  addAttachment,
  addInvolvedPerson,
  closeTicket,
  openTicket,
  recordCustomerContact,
  recordStep,
  requestCustomerData,
  scheduleCallback,
  updateContactDetails,
} from './ticket.rules';

/** One stream per assistance ticket: its people, steps, consents, sessions, tokens and actions. */
export const assistanceDecider: Decider<AssistanceCommand, AssistanceEvent, AssistanceState> = {
  initialState: initialAssistanceState,
  evolve: evolveAssistance,
  // What the online platform reports under a token, and the recorded refusals, change none of the
  // ticket's rules: an operator's If-Match read before them still holds.
  annotations: ['CustomerNotified', 'ImpersonationResourceViewed', ...RECORDED_REFUSALS],
  decide(command, state, context) {
    switch (command.type) {
      case 'OpenAssistanceTicket':
        return openTicket(command, state, context);
      case 'AddInvolvedPerson':
        return addInvolvedPerson(command, state);
      case 'UpdateContactDetails':
        return updateContactDetails(command, state);
      case 'RecordAssistanceStep':
        return recordStep(command, state);
      case 'AddAttachment':
        return addAttachment(command, state);
      case 'ScheduleCallback':
        return scheduleCallback(command, state, context);
      case 'RequestCustomerData':
        return requestCustomerData(command, state, context);
      case 'RecordConsent':
        return recordConsent(command, state, context);
      case 'WithdrawConsent':
        return withdrawConsent(command, state, context);
      case 'RequestImpersonation':
        return requestImpersonation(command, state, context);
      case 'StartImpersonationSession':
        return startImpersonation(command, state, context);
      case 'IssueImpersonationToken':
        return issueToken(command, state, context);
      case 'RecordImpersonationActivity':
        return recordActivity(command, state, context);
      case 'EndImpersonationSession':
        return endImpersonation(command, state, context);
      case 'ProposeRemoteAssistance':
        return proposeRemoteAssistance(command, state, context);
      case 'StartRemoteAssistanceSession':
        return startRemoteAssistance(command, state, context);
      case 'PerformDeviceAction':
        return performDeviceAction(command, state, context);
      case 'EndRemoteAssistanceSession':
        return endRemoteAssistance(command, state, context);
      case 'ExpireDueSessions':
        return expireDueSessions(state, context.now);
      case 'RecordCustomerContact':
        return recordCustomerContact(command, state, context);
      case 'CloseAssistanceTicket':
        return closeTicket(command, state, context);
    }
  },
};
