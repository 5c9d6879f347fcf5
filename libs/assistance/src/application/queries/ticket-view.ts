import { RecordedEvent } from '@sportello/eventstore';
import { AssistanceEvent, DataSubject } from '../../domain/assistance.events';
import { OpenedTicket } from '../../domain/assistance.state';

/** PRV-5: what a closed ticket keeps from operators until the customer's new contact. */
export const WITHHELD_AFTER_CLOSURE = ['people', 'problem.summary'];

/** A ticket as shown: its people (current details), problem, consents and sessions. */
export function ticketView(
  ticket: OpenedTicket,
  recorded: RecordedEvent[],
  revision: number,
  withhold: boolean,
) {
  const people = new Map<string, DataSubject>();
  let opened: Extract<AssistanceEvent, { type: 'AssistanceTicketOpened' }>['data'] | null = null;
  for (const event of recorded as unknown as AssistanceEvent[]) {
    if (event.type === 'AssistanceTicketOpened') {
      opened = event.data;
      for (const person of [event.data.caller, ...event.data.involved])
        people.set(person.subjectId, person);
    } else if (event.type === 'InvolvedPersonAdded') {
      people.set(event.data.person.subjectId, event.data.person);
    } else if (event.type === 'AssistanceContactDetailsUpdated') {
      const person = people.get(event.data.subjectId);
      if (person) people.set(person.subjectId, { ...person, ...event.data.changes });
    }
  }
  return {
    ticketId: ticket.ticketId,
    reference: ticket.reference,
    status: ticket.status,
    operator: ticket.operator,
    policyVersion: ticket.policyVersion,
    channel: opened!.channel,
    problem: {
      category: ticket.category,
      platform: ticket.platform,
      summary: withhold ? null : opened!.problem.summary,
    },
    linkedTo: opened!.linkedTo,
    openedAt: ticket.openedAt,
    closedAt: ticket.closedAt,
    people: withhold ? null : [...people.values()],
    withheld: withhold
      ? {
          ruleId: 'PRV-5',
          reason: 'The ticket is closed: its personal data return with a new customer contact',
          fields: WITHHELD_AFTER_CLOSURE,
        }
      : null,
    nonResolutiveSteps: ticket.nonResolutiveSteps,
    consents: Object.values(ticket.consents).map((c) => ({
      consentId: c.consentId,
      kind: c.kind,
      sessionId: c.sessionId,
      subjectId: c.subjectId,
      givenAt: c.givenAt,
      expiresAt: c.expiresAt,
      status: c.status,
      action: c.action,
    })),
    impersonationSessions: Object.values(ticket.impersonations).map((s) => ({
      sessionId: s.sessionId,
      subjectId: s.subjectId,
      operatorId: s.operatorId,
      platform: s.platform,
      areas: s.areas,
      status: s.status,
      consentId: s.consentId,
      expiresAt: s.expiresAt,
      tokensIssued: Object.keys(s.tokens).length,
    })),
    remoteSessions: Object.values(ticket.remoteSessions).map((s) => ({
      sessionId: s.sessionId,
      subjectId: s.subjectId,
      operatorId: s.operatorId,
      status: s.status,
      consentId: s.consentId,
      expiresAt: s.expiresAt,
    })),
    revision,
  };
}
