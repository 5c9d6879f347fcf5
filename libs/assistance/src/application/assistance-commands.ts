import { Inject, Injectable } from '@nestjs/common';
import { NotFound, RuleViolation } from '@sportello/decider';
import { CommandHandler, EVENT_STORE, EventStore } from '@sportello/eventstore';
import { CommandGateway, ProblemException } from '@sportello/platform';
import { AssistanceCommand, OpenAssistanceTicket } from '../domain/assistance.commands';
import { assistanceDecider } from '../domain/assistance.decider';
import { TicketLink } from '../domain/assistance.events';
import { OpenedTicket } from '../domain/assistance.state';
import { recordedRefusalOf, RecordedRefusalEvent } from '../domain/recorded-refusals';
import { assistanceStream } from './assistance-streams';

export const IMPERSONATION_CHALLENGE = 'Bearer realm="sportello-impersonation"';

/** The answer to a refusal the log already holds: the client sees the rule, the log the attempt. */
export function refusalError(event: RecordedRefusalEvent): Error {
  const recorded = event.type;
  switch (event.type) {
    case 'ImpersonationTokenRefused':
      return ProblemException.of('unauthorized', event.data.reason, {
        extensions: { ruleId: event.data.ruleId, refusal: event.data.refusal, recorded },
        headers: { 'WWW-Authenticate': `${IMPERSONATION_CHALLENGE}, error="invalid_token"` },
      });
    case 'ProhibitedDataRequestBlocked':
      return new RuleViolation(event.data.ruleId, event.data.reason, {
        field: 'kind',
        hint: event.data.hint,
        recorded,
      });
    case 'ImpersonationActionBlocked':
      return new RuleViolation(event.data.ruleId, event.data.reason, {
        field: event.data.ruleId === 'IMP-3' ? 'area' : 'kind',
        recorded,
      });
    case 'ImpersonationRefused':
      return new RuleViolation(event.data.ruleId, event.data.reason, { recorded });
  }
}

/**
 * Runs assistance commands for the HTTP layer: the ticket must exist, every event carries the
 * profile version the ticket pinned, and a refusal the decider recorded is appended first and
 * answered after.
 */
@Injectable()
export class AssistanceCommands {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly handler: CommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async load(ticketId: string) {
    const loaded = await this.handler.load(assistanceDecider, assistanceStream(ticketId));
    if (loaded.state.status === 'none' || loaded.etagRevision === null)
      throw new NotFound('Ticket', ticketId);
    return { ...loaded, state: loaded.state as OpenedTicket, etagRevision: loaded.etagRevision };
  }

  open(command: OpenAssistanceTicket) {
    const subjectIds = [command.caller, ...command.involved].map((p) => p.subjectId);
    return this.execute(command.ticketId, command, undefined, command.policy.version, subjectIds);
  }

  async run(ticketId: string, command: AssistanceCommand, ifMatch?: number) {
    const { state } = await this.load(ticketId);
    return this.execute(ticketId, command, ifMatch, state.policyVersion, state.subjectIds);
  }

  /** A complaint or fault the ticket is linked to must exist. */
  async checkLink(link: TicketLink): Promise<void> {
    const events = await this.store.readStream(`${link.kind}-${link.id}`, { maxCount: 1 });
    if (events.length === 0)
      throw ProblemException.validation([
        { field: 'linkedTo.id', reason: `must be the id of an existing ${link.kind}` },
      ]);
  }

  private async execute(
    ticketId: string,
    command: AssistanceCommand,
    ifMatch: number | undefined,
    policyVersion: string | null,
    subjectIds: string[],
  ) {
    const result = await this.gateway.execute(assistanceDecider, {
      stream: assistanceStream(ticketId),
      command,
      ifMatch,
      // Events without personal fields still name the ticket's people (the subject index).
      metadataFor: () => ({ policyVersion, subjectIds: [...new Set(subjectIds)] }),
    });
    const refusal = recordedRefusalOf(result.events);
    if (refusal) throw refusalError(refusal);
    return result;
  }
}
