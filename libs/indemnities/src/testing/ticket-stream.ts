/** An in-memory ticket stream for the ledger's unit specs: real deciders, real events. */
import { Decider, DecisionContext, DomainEvent, fold, FoldedEvent } from '@sportello/decider';
import { StreamEvent } from '../domain/assessing/assessments-from-stream';

export const OPERATOR: DecisionContext['actor'] = { id: 'op-1', roles: ['operator'] };
export const SUPERVISOR: DecisionContext['actor'] = { id: 'sup-1', roles: ['supervisor'] };

export class TicketStream<Command, Event extends DomainEvent, State> {
  readonly events: StreamEvent[] = [];

  constructor(
    private readonly decider: Decider<Command, Event, State>,
    readonly stream: string,
  ) {}

  get state(): State {
    return fold(
      this.decider,
      this.events.map((e) => ({ type: e.type, data: e.data }) as FoldedEvent<Event>),
    );
  }

  run(command: Command, now: string, actor = OPERATOR): StreamEvent[] {
    const produced = this.decider.decide(command, this.state, { now, actor });
    return this.append(produced, now);
  }

  append(events: DomainEvent[], occurredAt: string): StreamEvent[] {
    const added = events.map((e) => ({
      id: `${this.stream}/${this.events.length}/${e.type}`,
      revision: this.events.length,
      type: e.type,
      data: JSON.parse(JSON.stringify(e.data)) as unknown,
      occurredAt,
    }));
    for (const e of added) this.events.push({ ...e, revision: this.events.length });
    return this.events.slice(-added.length);
  }

  last(type: string): StreamEvent {
    const found = this.events.filter((e) => e.type === type).at(-1);
    if (!found) throw new Error(`No ${type} in ${this.stream}`);
    return found;
  }
}

/** Deterministic ids for specs. */
export const specIds = (source: StreamEvent, type: string, party: string | null) =>
  `${source.id}/${type}/${party ?? '-'}`;
