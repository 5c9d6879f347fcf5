import { Clock } from '@sportello/clock';
import { Decider, DomainEvent, FoldedEvent } from '@sportello/decider';
import { WrongExpectedRevisionError } from '../errors';
import { Actor, EventMetadataInput, RecordedEvent } from '../port/event-store.port';
import { SealingEventStore } from '../store/sealing-event-store';
import { ConcurrencyConflictError, StaleRevisionError } from './command-errors';
import { KeyedMutex } from './keyed-mutex';

export interface CommandEnvelope<Command> {
  stream: string;
  command: Command;
  actor: Actor & { roles: readonly string[] };
  correlationId: string;
  causationId?: string | null;
  /** The revision from the client's `If-Match`, if it sent one. */
  ifMatch?: number;
  /** Extra metadata per produced event: business time, policy version, subjects. */
  metadataFor?: (
    event: DomainEvent,
  ) => Partial<Pick<EventMetadataInput, 'occurredAt' | 'policyVersion' | 'subjectIds'>>;
  /** Fixed ids for the produced events, so that a retried command is idempotent. */
  eventIds?: string[];
  /**
   * The decision and the events it produces use no personal field (a deadline passing, say): the
   * stream is folded with those fields still sealed, sparing a key lookup and decryptions.
   */
  sealed?: boolean;
  /**
   * The stream's id was generated for this command, so the stream cannot exist yet: the read is
   * skipped and the append requires `no_stream`. Should it exist after all, the command is run
   * again the ordinary way, so the outcome is the same; only a round trip is saved.
   */
  newStream?: boolean;
}

export interface CommandResult<State, Event extends DomainEvent> {
  state: State;
  events: Event[];
  /** The stream's revision after the command (its ETag); null when the stream is still empty. */
  revision: number | null;
}

/**
 * Read the stream, fold it, decide, append at the revision read. Commands on one stream are
 * serialised in this process; a conflict with another process is reported, never retried blindly
 * and never stored half.
 */
export class CommandHandler {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly store: SealingEventStore,
    private readonly clock: Clock,
  ) {}

  handle<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    envelope: CommandEnvelope<Command>,
  ): Promise<CommandResult<State, Event>> {
    return this.mutex.run(envelope.stream, () => this.handleNow(decider, envelope));
  }

  /**
   * Folds a stream without deciding anything: the current state, its revision, and the revision
   * its ETag shows (the last event that is not one of the decider's annotations).
   */
  async load<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve' | 'annotations'>,
    stream: string,
    options: { sealed?: boolean } = {},
  ): Promise<{
    state: State;
    revision: number | null;
    etagRevision: number | null;
    events: RecordedEvent[];
  }> {
    const events = options.sealed
      ? await this.store.readStreamSealed(stream)
      : await this.store.readStream(stream);
    let state = decider.initialState();
    for (const event of events) state = decider.evolve(state, asFolded<Event>(event));
    const revision = events.length ? events[events.length - 1].revision : null;
    return { state, revision, etagRevision: etagRevisionOf(events, decider.annotations), events };
  }

  private async handleNow<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    envelope: CommandEnvelope<Command>,
    attempt = 0,
  ): Promise<CommandResult<State, Event>> {
    const assumedNew = envelope.newStream === true && attempt === 0;
    const { state, revision, etagRevision } = assumedNew
      ? { state: decider.initialState(), revision: null, etagRevision: null }
      : await this.load(decider, envelope.stream, { sealed: envelope.sealed });
    if (envelope.ifMatch !== undefined && envelope.ifMatch !== etagRevision) {
      throw new StaleRevisionError(envelope.stream, envelope.ifMatch, etagRevision);
    }
    const now = this.clock.now().toISOString();
    const produced = decider.decide(envelope.command, state, {
      now,
      actor: { id: envelope.actor.id, roles: envelope.actor.roles },
    });
    if (produced.length === 0) return { state, events: [], revision: etagRevision };

    const expected = revision === null ? 'no_stream' : revision;
    try {
      const result = await this.store.append(
        envelope.stream,
        produced.map((event, i) => {
          const extra = envelope.metadataFor?.(event) ?? {};
          return {
            id: envelope.eventIds?.[i],
            type: event.type,
            data: event.data,
            metadata: {
              occurredAt: extra.occurredAt ?? now,
              actor: { id: envelope.actor.id, role: envelope.actor.role },
              correlationId: envelope.correlationId,
              causationId: envelope.causationId ?? null,
              subjectIds: extra.subjectIds,
              policyVersion: extra.policyVersion ?? null,
            },
          };
        }),
        expected,
      );
      let next = state;
      for (const event of produced) next = decider.evolve(next, event as FoldedEvent<Event>);
      return { state: next, events: produced, revision: result.nextExpectedRevision };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (assumedNew) return this.handleNow(decider, envelope, attempt + 1);
      // Only annotations arrived meanwhile (another process recorded a notice): the decision is
      // taken again on the fresh state, which the client's If-Match still describes.
      if (decider.annotations?.length && attempt < 3) {
        const fresh = await this.load(decider, envelope.stream, { sealed: envelope.sealed });
        if (fresh.etagRevision === etagRevision)
          return this.handleNow(decider, envelope, attempt + 1);
      }
      if (envelope.ifMatch !== undefined)
        throw new StaleRevisionError(envelope.stream, envelope.ifMatch, error.actual);
      throw new ConcurrencyConflictError(envelope.stream, expected, error.actual);
    }
  }
}

function etagRevisionOf(
  events: RecordedEvent[],
  annotations: readonly string[] | undefined,
): number | null {
  for (let i = events.length - 1; i >= 0; i--)
    if (!annotations?.includes(events[i].type)) return events[i].revision;
  return null;
}

function asFolded<Event extends DomainEvent>(event: RecordedEvent): FoldedEvent<Event> {
  return {
    type: event.type,
    data: event.data,
    metadata: {
      occurredAt: event.metadata.occurredAt,
      recordedAt: event.metadata.recordedAt,
      actor: event.metadata.actor,
    },
  } as unknown as FoldedEvent<Event>;
}
