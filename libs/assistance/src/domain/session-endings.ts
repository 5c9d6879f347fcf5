import { AssistanceEvent, SessionEndReason, StepOutcome } from './assistance.events';
import { ms } from './assistance-guards';
import {
  AssistanceState,
  ImpersonationSession,
  OpenedTicket,
  RemoteSession,
} from './assistance.state';

/** A session is due to expire once its consent has run out (IMP-5, RAS-3). */
export const isDue = (session: { status: string; expiresAt: string | null }, now: string) =>
  session.status === 'active' && session.expiresAt !== null && ms(now) >= ms(session.expiresAt);

export function expired(
  ticket: OpenedTicket,
  session: ImpersonationSession | RemoteSession,
  now: string,
): AssistanceEvent {
  const data = {
    ticketId: ticket.ticketId,
    sessionId: session.sessionId,
    consentId: session.consentId!,
    expiredAt: session.expiresAt ?? now,
  };
  return session.sessionId in ticket.impersonations
    ? { type: 'ImpersonationSessionExpired', data }
    : { type: 'RemoteAssistanceSessionExpired', data };
}

/** Ends a live session; one whose consent already ran out is recorded as expired instead. */
export function endSession(
  ticket: OpenedTicket,
  sessionId: string,
  now: string,
  reason: SessionEndReason,
  outcome: StepOutcome | null,
): AssistanceEvent[] {
  const session = ticket.impersonations[sessionId] ?? ticket.remoteSessions[sessionId];
  if (isDue(session, now)) return [expired(ticket, session, now)];
  const data = { ticketId: ticket.ticketId, sessionId, endedAt: now, reason, outcome };
  return sessionId in ticket.impersonations
    ? [{ type: 'ImpersonationSessionEnded', data }]
    : [{ type: 'RemoteAssistanceSessionEnded', data }];
}

export function endLiveSessions(
  ticket: OpenedTicket,
  now: string,
  reason: SessionEndReason,
): AssistanceEvent[] {
  return [...Object.values(ticket.impersonations), ...Object.values(ticket.remoteSessions)]
    .filter((session) => session.status === 'active')
    .flatMap((session) => endSession(ticket, session.sessionId, now, reason, null));
}

/** The expiry timer (or a use found due): sessions whose consent ran out are expired. */
export function expireDueSessions(state: AssistanceState, now: string): AssistanceEvent[] {
  if (state.status === 'none') return [];
  return [...Object.values(state.impersonations), ...Object.values(state.remoteSessions)]
    .filter((session) => isDue(session, now))
    .map((session) => expired(state, session, now));
}
