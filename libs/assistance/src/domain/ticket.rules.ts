import { ConflictingState, DecisionContext, RuleViolation } from '@sportello/decider';
import {
  AddAttachment,
  AddInvolvedPerson,
  CloseAssistanceTicket,
  OpenAssistanceTicket,
  RecordAssistanceStep,
  RecordCustomerContact,
  RequestCustomerData,
  ScheduleCallback,
  UpdateContactDetails,
} from './assistance.commands';
import { AssistanceEvent, DataRequestKind } from './assistance.events';
import {
  collectable,
  instant,
  ms,
  notInFuture,
  opened,
  openForOperations,
  personalFields,
  subjectOf,
  text,
} from './assistance-guards';
import { AssistanceState } from './assistance.state';
import { endLiveSessions } from './session-endings';

export function openTicket(
  command: OpenAssistanceTicket,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This ticket was already opened', { status: state.status });
  const { policy, problem } = command;
  // IMP-1: an online-service problem carries the platform where it occurred.
  if (problem.category === 'ONLINE_SERVICE' && !problem.platform?.trim())
    throw new RuleViolation(
      'IMP-1',
      'An online-service problem names the platform it occurred on',
      {
        field: 'problem.platform',
      },
    );
  collectable(policy, personalFields(command.caller), 'caller');
  command.involved.forEach((person, i) =>
    collectable(policy, personalFields(person), `involved.${i}`),
  );
  // The same identifiers resolve to the same data subject: one person is on a ticket once.
  const seen = [command.caller.subjectId];
  command.involved.forEach(({ subjectId }, i) => {
    if (seen.includes(subjectId))
      throw new ConflictingState('This person is already on the ticket', {
        field: `involved.${i}`,
      });
    seen.push(subjectId);
  });
  return [
    {
      type: 'AssistanceTicketOpened',
      data: {
        ticketId: command.ticketId,
        reference: command.reference,
        operator: command.operator,
        policyVersion: policy.version,
        channel: command.channel,
        openedAt: now,
        problem: {
          category: problem.category,
          platform: problem.platform?.trim() || null,
          summary: text(problem.summary, 'problem.summary', 'PRV-2', 'Describe the problem'),
        },
        caller: { ...command.caller, role: 'caller' },
        involved: command.involved.map((person) => ({ ...person, role: 'involved' })),
        linkedTo: command.linkedTo,
      },
    },
  ];
}

export function addInvolvedPerson(
  command: AddInvolvedPerson,
  state: AssistanceState,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  if (ticket.subjectIds.includes(command.person.subjectId))
    throw new ConflictingState('This person is already on the ticket');
  collectable(command.policy, personalFields(command.person), 'person');
  return [
    {
      type: 'InvolvedPersonAdded',
      data: { ticketId: ticket.ticketId, person: { ...command.person, role: 'involved' } },
    },
  ];
}

export function updateContactDetails(
  command: UpdateContactDetails,
  state: AssistanceState,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  const subjectId = subjectOf(ticket, command.subjectId, 'subjectId');
  collectable(command.policy, command.changes, 'changes');
  if (Object.values(command.changes).every((v) => v === undefined))
    throw new RuleViolation('PRV-2', 'Give at least one field to change', { field: 'changes' });
  return [
    {
      type: 'AssistanceContactDetailsUpdated',
      data: { ticketId: ticket.ticketId, subjectId, changes: command.changes },
    },
  ];
}

export function recordStep(
  command: RecordAssistanceStep,
  state: AssistanceState,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  return [
    {
      type: 'AssistanceStepRecorded',
      data: {
        ticketId: ticket.ticketId,
        stepId: command.stepId,
        subjectId: ticket.callerSubjectId,
        kind: command.kind,
        outcome: command.outcome,
        note: text(command.note, 'note', 'RAS-1', 'Say what was done and what came of it'),
      },
    },
  ];
}

export function addAttachment(command: AddAttachment, state: AssistanceState): AssistanceEvent[] {
  const ticket = openForOperations(state);
  if (command.classification === 'IDENTITY_DOCUMENT')
    throw new RuleViolation('PRV-12', 'Tickets never store identity-document images', {
      field: 'classification',
    });
  if (command.classification === 'CALL_RECORDING' && !command.policy.callsRecorded)
    throw new RuleViolation('PRV-4', 'Calls are never recorded under this profile', {
      field: 'classification',
    });
  return [
    {
      type: 'AssistanceAttachmentAdded',
      data: {
        ticketId: ticket.ticketId,
        attachmentId: command.attachmentId,
        subjectId: ticket.callerSubjectId,
        classification: command.classification,
        storageReference: command.storageReference,
        description: command.description,
      },
    },
  ];
}

export function scheduleCallback(
  command: ScheduleCallback,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  // PRV-3: a later contact only continues the resolution: no courtesy calls, surveys, marketing.
  if (command.purpose !== 'continue_resolution')
    throw new RuleViolation(
      'PRV-3',
      'A support operator contacts the customer again only to continue solving the problem',
      { field: 'purpose' },
    );
  const at = instant(command.at, 'at', 'PRV-3');
  if (ms(at) <= ms(now))
    throw new RuleViolation('PRV-3', 'A callback is scheduled in the future', { field: 'at' });
  return [
    {
      type: 'AssistanceCallbackScheduled',
      data: {
        ticketId: ticket.ticketId,
        callbackId: command.callbackId,
        subjectId: subjectOf(ticket, command.subjectId, 'subjectId'),
        at,
        purpose: 'continue_resolution',
      },
    },
  ];
}

const SELF_SERVICE_HINT =
  'Direct the customer to the self-service area of the operator (MyFastweb, "Il mio conto"): ' +
  'payment and personal data are changed there by the customer';
/** SUP-4(b), AMB-36: the only address to which a corrected codice fiscale may be sent. */
const E_INVOICING_ADDRESS = 'documentionline@fastweb.it';
const FASTWEB_BRANDS = ['FASTWEB', 'SKYFW'];

const PROHIBITED: Record<DataRequestKind, { ruleId: 'SUP-1' | 'SUP-3'; reason: string }> = {
  IDENTITY_DOCUMENT: {
    ruleId: 'SUP-1',
    reason: 'Operators never ask for an identity document during assistance',
  },
  PAYMENT_CARD: {
    ruleId: 'SUP-3',
    reason: 'Operators never ask for card details: the customer updates them in self-service',
  },
  BANK_ACCOUNT: {
    ruleId: 'SUP-3',
    reason: 'Operators never ask for bank details: the customer updates them in self-service',
  },
  PERSONAL_DATA: {
    ruleId: 'SUP-1',
    reason: 'Operators never ask for personal data during assistance',
  },
};

/**
 * SUP-1..SUP-4: the anti-fraud guard. A prohibited request is refused and recorded (for
 * supervisors, without personal data); the e-invoicing correction of SUP-4(b) is the exception.
 */
export function requestCustomerData(
  command: RequestCustomerData,
  state: AssistanceState,
  { actor }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  const eInvoicing =
    command.kind === 'PERSONAL_DATA' &&
    ticket.category === 'E_INVOICE_TAX_CODE_MISMATCH' &&
    FASTWEB_BRANDS.includes(ticket.operator);
  if (!eInvoicing) {
    const { ruleId, reason } = PROHIBITED[command.kind];
    return [
      {
        type: 'ProhibitedDataRequestBlocked',
        data: {
          ticketId: ticket.ticketId,
          requestId: command.requestId,
          kind: command.kind,
          operatorId: actor.id,
          ruleId,
          reason,
          hint: SELF_SERVICE_HINT,
        },
      },
    ];
  }
  return [
    {
      type: 'CustomerDataRequested',
      data: {
        ticketId: ticket.ticketId,
        requestId: command.requestId,
        subjectId: ticket.callerSubjectId,
        kind: command.kind,
        exception: 'SUP-4',
        sendTo: E_INVOICING_ADDRESS,
        reason: text(
          command.reason,
          'reason',
          'SUP-4',
          'SUP-4: each use is recorded with its reason',
        ),
      },
    },
  ];
}

/** PRV-5: the customer's new contact is recorded, and reopens a closed ticket. */
export function recordCustomerContact(
  command: RecordCustomerContact,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = opened(state);
  const receivedAt = instant(command.receivedAt, 'receivedAt', 'PRV-5');
  notInFuture(receivedAt, 'receivedAt', now, 'PRV-5');
  if (ticket.closedAt && ms(receivedAt) < ms(ticket.closedAt))
    throw new RuleViolation('PRV-5', 'A new contact comes after the closure it reopens', {
      field: 'receivedAt',
    });
  const events: AssistanceEvent[] = [
    {
      type: 'CustomerContactRecorded',
      data: {
        ticketId: ticket.ticketId,
        contactId: command.contactId,
        subjectId: subjectOf(ticket, command.subjectId, 'subjectId'),
        channel: command.channel,
        receivedAt,
        summary: text(command.summary, 'summary', 'PRV-5', 'Summarise the contact'),
      },
    },
  ];
  if (ticket.status === 'closed')
    events.push({
      type: 'AssistanceTicketReopened',
      data: { ticketId: ticket.ticketId, contactId: command.contactId, reopenedAt: now },
    });
  return events;
}

/** Closing ends every live session at once (their tokens die with them). */
export function closeTicket(
  command: CloseAssistanceTicket,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = opened(state);
  if (ticket.status === 'closed') return [];
  return [
    ...endLiveSessions(ticket, now, 'ticket_closed'),
    {
      type: 'AssistanceTicketClosed',
      data: {
        ticketId: ticket.ticketId,
        subjectId: ticket.callerSubjectId,
        closedAt: now,
        resolution: command.resolution,
        summary: command.summary?.trim() || null,
      },
    },
  ];
}
