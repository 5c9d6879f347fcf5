import { DecisionContext, NotFound, RuleViolation } from '@sportello/decider';
import {
  EndImpersonationSession,
  IssueImpersonationToken,
  RecordImpersonationActivity,
  RequestImpersonation,
  StartImpersonationSession,
  TokenRequest,
} from './assistance.commands';
import { AssistanceEvent } from './assistance.events';
import { conflict, iso, ms, opened, openForOperations, subjectOf, text } from './assistance-guards';
import { AssistanceState, ImpersonationSession, OpenedTicket } from './assistance.state';
import { usableConsent } from './consent.rules';
import { endSession, expired, isDue } from './session-endings';
import { TOKEN_REFUSALS, tokenVerdict } from './token-verdict';

/** Impersonation tokens live 15 minutes at most, and never past the consent. */
export const MAX_TOKEN_TTL_SECONDS = 15 * 60;

function impersonationSession(ticket: OpenedTicket, sessionId: string): ImpersonationSession {
  const session = ticket.impersonations[sessionId];
  if (!session) throw new NotFound('Session', sessionId);
  return session;
}

/** IMP-1, IMP-2, IMP-3: only for an online-service problem, on its platform, for a purpose. */
export function requestImpersonation(
  command: RequestImpersonation,
  state: AssistanceState,
  { actor }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  const refuse = (reason: string): AssistanceEvent[] => [
    {
      type: 'ImpersonationRefused',
      data: {
        ticketId: ticket.ticketId,
        operatorId: actor.id,
        ruleId: 'IMP-1',
        reason,
        problemCategory: ticket.category,
        requestedPlatform: command.platform,
      },
    },
  ];
  if (!command.policy.impersonationCategories.includes(ticket.category))
    return refuse('The problem does not concern one of the online services');
  if (command.platform !== ticket.platform)
    return refuse('Impersonation is allowed only on the platform where the problem occurred');
  const areas = [...new Set(command.areas.map((a) => a.trim()).filter(Boolean))];
  if (areas.length === 0)
    throw new RuleViolation('IMP-3', 'Declare the areas of the platform the session may view', {
      field: 'areas',
    });
  return [
    {
      type: 'ImpersonationRequested',
      data: {
        ticketId: ticket.ticketId,
        sessionId: command.sessionId,
        subjectId: subjectOf(ticket, command.subjectId, 'subjectId'),
        operatorId: actor.id,
        platform: command.platform,
        purpose: text(
          command.purpose,
          'purpose',
          'IMP-2',
          'State the purpose: reproducing the problem',
        ),
        areas,
      },
    },
  ];
}

function tokenIssued(
  ticket: OpenedTicket,
  session: ImpersonationSession,
  consentExpiresAt: string,
  token: TokenRequest,
  now: string,
): AssistanceEvent {
  const ttl = Math.min(Math.max(1, Math.floor(token.ttlSeconds)), MAX_TOKEN_TTL_SECONDS);
  // JWT times are whole seconds: the expiry is rounded down, never past the consent.
  const expiresAt = Math.floor(Math.min(ms(now) + ttl * 1000, ms(consentExpiresAt)) / 1000) * 1000;
  return {
    type: 'ImpersonationTokenIssued',
    data: {
      ticketId: ticket.ticketId,
      sessionId: session.sessionId,
      tokenId: token.tokenId,
      subjectId: session.subjectId,
      operatorId: session.operatorId,
      audience: token.audience,
      scope: 'read',
      issuedAt: now,
      expiresAt: iso(expiresAt),
    },
  };
}

/** IMP-5: starts under the customer's consent for this session, and issues the first token. */
export function startImpersonation(
  command: StartImpersonationSession,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  const session = impersonationSession(ticket, command.sessionId);
  if (session.status !== 'requested')
    conflict(`This impersonation session is ${session.status}`, { status: session.status });
  const consent = usableConsent(ticket, command.consentId, session, 'impersonation', now);
  return [
    {
      type: 'ImpersonationSessionStarted',
      data: {
        ticketId: ticket.ticketId,
        sessionId: session.sessionId,
        consentId: consent.consentId,
        subjectId: session.subjectId,
        operatorId: session.operatorId,
        platform: session.platform,
        areas: session.areas,
        startedAt: now,
        expiresAt: consent.expiresAt,
      },
    },
    tokenIssued(ticket, session, consent.expiresAt, command.token, now),
  ];
}

/** A fresh short-lived token for a session still live. */
export function issueToken(
  command: IssueImpersonationToken,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = openForOperations(state);
  const session = impersonationSession(ticket, command.sessionId);
  if (session.status !== 'active' || isDue(session, now))
    throw new RuleViolation('IMP-5', 'Tokens are issued only while the session is live', {
      field: 'sessionId',
    });
  return [tokenIssued(ticket, session, session.expiresAt!, command.token, now)];
}

/**
 * IMP-3, IMP-4, IMP-5: what the platform reports under a token. A view within the session's
 * areas is recorded; a write, a payment or a view outside the scope is blocked and recorded; a
 * token whose session is no longer live is refused and recorded.
 */
export function recordActivity(
  command: RecordImpersonationActivity,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = opened(state);
  const verdict = tokenVerdict(state, command.sessionId, command.tokenId, now);
  if (!verdict.active) {
    const session = ticket.impersonations[command.sessionId];
    return [
      ...(verdict.expiryDue && session ? [expired(ticket, session, now)] : []),
      {
        type: 'ImpersonationTokenRefused',
        data: {
          ticketId: ticket.ticketId,
          sessionId: command.sessionId,
          tokenId: command.tokenId,
          ruleId: 'IMP-5',
          refusal: verdict.refusal,
          reason: TOKEN_REFUSALS[verdict.refusal],
        },
      },
    ];
  }
  const { session } = verdict;
  const base = {
    ticketId: ticket.ticketId,
    sessionId: session.sessionId,
    tokenId: command.tokenId,
    subjectId: session.subjectId,
    area: command.area,
    resource: command.resource,
  };
  if (command.kind !== 'view')
    return [
      {
        type: 'ImpersonationActionBlocked',
        data: {
          ...base,
          attempted: command.kind,
          ruleId: 'IMP-4',
          reason:
            command.kind === 'payment'
              ? 'No payment may be made under impersonation'
              : 'No customer data may be altered under impersonation',
        },
      },
    ];
  if (!session.areas.includes(command.area))
    return [
      {
        type: 'ImpersonationActionBlocked',
        data: {
          ...base,
          attempted: 'view',
          ruleId: 'IMP-3',
          reason: 'This area is outside the scope declared for the session',
        },
      },
    ];
  return [{ type: 'ImpersonationResourceViewed', data: base }];
}

export function endImpersonation(
  command: EndImpersonationSession,
  state: AssistanceState,
  { now }: DecisionContext,
): AssistanceEvent[] {
  const ticket = opened(state);
  const session = impersonationSession(ticket, command.sessionId);
  if (session.status !== 'active')
    conflict(`This impersonation session is ${session.status}`, { status: session.status });
  return endSession(ticket, session.sessionId, now, 'ended_by_operator', command.outcome);
}
