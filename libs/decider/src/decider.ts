/**
 * A feature's pure core, after Emmett: `decide` turns a command and the current state into new
 * events (or refuses with a domain error), `evolve` folds one event into the state.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** An event as folded: its data plus the business and system times the log recorded. */
export type FoldedEvent<E extends DomainEvent> = E & {
  metadata?: { occurredAt: string; recordedAt: string; actor: { id: string; role: string } };
};

export interface DecisionContext {
  /** The current instant (ISO), from the injected clock: rules never read the wall clock. */
  now: string;
  actor: { id: string; roles: readonly string[] };
}

export interface Decider<Command, Event extends DomainEvent, State> {
  initialState(): State;
  evolve(state: State, event: FoldedEvent<Event>): State;
  decide(command: Command, state: State, context: DecisionContext): Event[];
  /**
   * Event types other modules append to this stream that the client need not have seen before
   * a command (e.g. a notice having been sent): they do not change the stream's ETag, so an
   * `If-Match` read before them still holds.
   */
  annotations?: readonly string[];
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: Iterable<FoldedEvent<Event>>,
  from: State = decider.initialState(),
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
