import { DecisionContext, NotFound, RuleViolation } from '@sportello/decider';
import { RecordConsent, WithdrawConsent } from './assistance.commands';
import { AssistanceEvent, ConsentKind } from './assistance.events';
import {
  conflict,
  instant,
  ms,
  notInFuture,
  opened,
  openForOperations,
  text,
} from './assistance-guards';
import { Consent, OpenedTicket } from './assistance.state';
import { AssistanceState } from './assistance.state';
import { endSession } from './session-endings';

/** The rule each kind of consent answers to. */
const RULE: Record<ConsentKind, string> = {
  impersonation: 'IMP-5',
  remote_assistance: 'RAS-2',
  device_action: 'RAS-5',
};

/**
 * IMP-5 (AMB-35), RAS-2, RAS-5: the customer's consent, recorded with its channel, time,
 * evidence and expiry, for one session.
 */
export function recordConsent(
  command: RecordConsent,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  const ruleId = RULE[command.kind];
  const givenAt = instant(command.givenAt, 'givenAt', ruleId);
  const expiresAt = instant(command.expiresAt, 'expiresAt', ruleId);
  notInFuture(givenAt, 'givenAt', now, ruleId);
  if (ms(expiresAt) <= ms(now) || ms(expiresAt) <= ms(givenAt))
    throw new RuleViolation(ruleId, 'A consent must expire after it is given, in the future', {
      field: 'expiresAt',
    });
  const evidenceReference = text(
    command.evidenceReference,
    'evidenceReference',
    ruleId,
    'Record the evidence of the consent (e.g. the confirmation code)',
  );
  const subjectId = sessionSubject(ticket, command, ruleId);
  return [
    {
      type: 'CustomerConsentRecorded',
      data: {
        ticketId: ticket.ticketId,
        consentId: command.consentId,
        kind: command.kind,
        sessionId: command.sessionId,
        subjectId,
        channel: command.channel,
        givenAt,
        expiresAt,
        evidenceReference,
        device: command.kind === 'remote_assistance' ? command.device : null,
        action:
          command.kind === 'device_action' && command.action
            ? { kind: command.action.kind, description: command.action.description.trim() }
            : null,
      },
    },
  ];
}

/** Which session the consent is for, checked for its kind; returns whose consent it must be. */
function sessionSubject(ticket: OpenedTicket, command: RecordConsent, ruleId: string): string {
  const field = { field: 'sessionId' };
  if (command.kind === 'impersonation') {
    const session = ticket.impersonations[command.sessionId];
    if (!session) throw new NotFound('Session', command.sessionId);
    if (session.status !== 'requested')
      conflict(`This impersonation session is ${session.status}: it takes no new consent`, field);
    return session.subjectId;
  }
  const session = ticket.remoteSessions[command.sessionId];
  if (!session) throw new NotFound('Session', command.sessionId);
  if (command.kind === 'remote_assistance') {
    if (session.status !== 'requested' || session.codeConfirmed)
      throw new RuleViolation(
        'RAS-3',
        'This session was already authorised once: a new access needs a new session',
        field,
      );
    if (!command.device)
      throw new RuleViolation(ruleId, 'Record the device the customer authorised access to', {
        field: 'device',
      });
    if (command.sessionCodeDigest !== session.sessionCodeDigest)
      throw new RuleViolation(
        ruleId,
        'The session code the customer confirmed is not the one issued for this session',
        { field: 'sessionCode' },
      );
    return session.subjectId;
  }
  if (session.status !== 'active')
    throw new RuleViolation(
      ruleId,
      'A device action is consented to within an active session',
      field,
    );
  if (!command.action || command.action.kind === 'observe')
    throw new RuleViolation(ruleId, 'Name the action on the device the customer consents to', {
      field: 'action',
    });
  return session.subjectId;
}

/** Withdrawal ends the session it backs at once (IMP-5, RAS-3). */
export function withdrawConsent(
  command: WithdrawConsent,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = opened(state);
  const consent = ticket.consents[command.consentId];
  if (!consent) throw new NotFound('Consent', command.consentId);
  if (consent.status === 'withdrawn') return [];
  if (consent.status === 'spent')
    conflict('This consent already ended with its session', { status: consent.status });
  return [
    {
      type: 'CustomerConsentWithdrawn',
      data: {
        ticketId: ticket.ticketId,
        consentId: consent.consentId,
        sessionId: consent.sessionId,
        withdrawnAt: now,
      },
    },
    ...(backsLiveSession(ticket, consent)
      ? endSession(ticket, consent.sessionId, now, 'consent_withdrawn', null)
      : []),
  ];
}

function backsLiveSession(ticket: OpenedTicket, consent: Consent): boolean {
  const session =
    ticket.impersonations[consent.sessionId] ?? ticket.remoteSessions[consent.sessionId];
  return session?.status === 'active' && session.consentId === consent.consentId;
}

/**
 * The consent a session starts under: recorded, for this very session and subject, of the right
 * kind, neither withdrawn nor spent nor expired (IMP-5, RAS-2, RAS-3).
 */
export function usableConsent(
  ticket: OpenedTicket,
  consentId: string,
  session: { sessionId: string; subjectId: string },
  kind: 'impersonation' | 'remote_assistance',
  now: string,
): Consent {
  const [missingRule, sessionRule] =
    kind === 'impersonation' ? ['IMP-5', 'IMP-5'] : ['RAS-2', 'RAS-3'];
  const field = { field: 'consentId' };
  const consent = ticket.consents[consentId];
  if (!consent || consent.kind !== kind)
    throw new RuleViolation(
      missingRule,
      `No recorded customer consent to ${kind === 'impersonation' ? 'impersonation' : 'remote assistance'} has this id`,
      field,
    );
  if (consent.sessionId !== session.sessionId) {
    const other =
      ticket.impersonations[consent.sessionId] ?? ticket.remoteSessions[consent.sessionId];
    throw new RuleViolation(
      sessionRule,
      other && other.status !== 'requested' && other.status !== 'active'
        ? 'This consent expired with the session it was given for: a new session needs a new consent'
        : 'This consent was given for another session',
      field,
    );
  }
  if (consent.subjectId !== session.subjectId)
    throw new RuleViolation(missingRule, 'This consent was given by another data subject', field);
  if (consent.status === 'withdrawn')
    throw new RuleViolation(sessionRule, 'The customer withdrew this consent', field);
  if (consent.status !== 'given')
    throw new RuleViolation(sessionRule, 'This consent was already used', field);
  if (ms(now) >= ms(consent.expiresAt))
    throw new RuleViolation(sessionRule, 'This consent has expired', field);
  return consent;
}
