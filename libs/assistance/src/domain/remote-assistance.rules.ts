import { DecisionContext, NotFound, RuleViolation } from '@sportello/decider';
import {
  EndRemoteAssistanceSession,
  PerformDeviceAction,
  ProposeRemoteAssistance,
  StartRemoteAssistanceSession,
} from './assistance.commands';
import { AssistanceEvent } from './assistance.events';
import { conflict, ms, opened, openForOperations, subjectOf, text } from './assistance-guards';
import { AssistanceState, OpenedTicket, RemoteSession } from './assistance.state';
import { usableConsent } from './consent.rules';
import { endSession, isDue } from './session-endings';

function remoteSession(ticket: OpenedTicket, sessionId: string): RemoteSession {
  const session = ticket.remoteSessions[sessionId];
  if (!session) throw new NotFound('Session', sessionId);
  return session;
}

/** RAS-1: only after earlier steps did not solve the problem; RAS-2: a one-time session code. */
export function proposeRemoteAssistance(
  command: ProposeRemoteAssistance,
  state: AssistanceState,
  { actor }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  if (ticket.nonResolutiveSteps === 0)
    throw new RuleViolation(
      'RAS-1',
      'Remote assistance is proposed only after earlier steps, recorded on the ticket, did not solve the problem',
    );
  if (Object.values(ticket.remoteSessions).some((s) => s.status === 'active'))
    conflict('A remote session is already active on this ticket');
  return [
    {
      type: 'RemoteAssistanceProposed',
      data: {
        ticketId: ticket.ticketId,
        sessionId: command.sessionId,
        subjectId: subjectOf(ticket, command.subjectId, 'subjectId'),
        operatorId: actor.id,
        purpose: text(command.purpose, 'purpose', 'RAS-4', 'State the purpose of the session'),
        sessionCodeDigest: command.sessionCodeDigest,
      },
    },
  ];
}

/** RAS-2, RAS-3: starts only under the express authorisation given for this very session. */
export function startRemoteAssistance(
  command: StartRemoteAssistanceSession,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  const session = remoteSession(ticket, command.sessionId);
  if (session.status !== 'requested')
    throw new RuleViolation(
      'RAS-3',
      `This remote session is ${session.status}: a later access needs a new authorisation`,
      { field: 'sessionId' },
    );
  const consent = usableConsent(ticket, command.consentId, session, 'remote_assistance', now);
  return [
    {
      type: 'RemoteAssistanceSessionStarted',
      data: {
        ticketId: ticket.ticketId,
        sessionId: session.sessionId,
        consentId: consent.consentId,
        subjectId: session.subjectId,
        operatorId: session.operatorId,
        device: consent.device!,
        startedAt: now,
        expiresAt: consent.expiresAt,
      },
    },
  ];
}

/** RAS-5: anything beyond observing needs the customer's prior consent to that very action. */
export function performDeviceAction(
  command: PerformDeviceAction,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  const session = remoteSession(ticket, command.sessionId);
  if (session.status !== 'active' || isDue(session, now))
    throw new RuleViolation(
      'RAS-3',
      'The remote session is not active: no access without a new authorisation',
      { field: 'sessionId' },
    );
  const description = text(command.description, 'description', 'RAS-4', 'Describe the action');
  let consentId: string | null = null;
  if (command.action !== 'observe') {
    const consent = command.consentId ? ticket.consents[command.consentId] : undefined;
    const field = { field: 'consentId' };
    if (
      !consent ||
      consent.kind !== 'device_action' ||
      consent.sessionId !== session.sessionId ||
      consent.action !== command.action
    )
      throw new RuleViolation(
        'RAS-5',
        "This action on the device needs the customer's prior consent to it, recorded first",
        field,
      );
    if (consent.status !== 'given')
      throw new RuleViolation('RAS-5', `This consent is ${consent.status}: ask again`, field);
    if (ms(now) >= ms(consent.expiresAt))
      throw new RuleViolation('RAS-5', 'This consent has expired: ask again', field);
    consentId = consent.consentId;
  }
  return [
    {
      type: 'RemoteDeviceActionPerformed',
      data: {
        ticketId: ticket.ticketId,
        sessionId: session.sessionId,
        actionId: command.actionId,
        subjectId: session.subjectId,
        action: command.action,
        description,
        consentId,
        performedAt: now,
      },
    },
  ];
}

export function endRemoteAssistance(
  command: EndRemoteAssistanceSession,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = opened(state);
  const session = remoteSession(ticket, command.sessionId);
  if (session.status !== 'active')
    conflict(`This remote session is ${session.status}`, { status: session.status });
  return endSession(ticket, session.sessionId, now, 'ended_by_operator', command.outcome);
}
