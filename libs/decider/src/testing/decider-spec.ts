/** `given(events).when(command).then(events)` specs for pure deciders. */
import { DecisionContext, Decider, DomainEvent, fold } from '../decider';

export interface DeciderSpec<Command, Event extends DomainEvent> {
  given(events: Event[]): {
    when(
      command: Command,
      context?: Partial<DecisionContext>,
    ): {
      then(expected: Event[] | ((events: Event[]) => void)): void;
      thenRefuses(
        matcher: Partial<{
          name: string;
          message: string;
          ruleId: string | null;
          kind: string;
          details: Record<string, unknown>;
        }>,
      ): void;
    };
  };
}

export function deciderSpec<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  defaults: DecisionContext,
): DeciderSpec<Command, Event> {
  return {
    given: (history) => ({
      when: (command, context) => {
        const run = () =>
          decider.decide(command, fold(decider, history), { ...defaults, ...context });
        return {
          then: (expected) => {
            const produced = run();
            if (typeof expected === 'function') expected(produced);
            else expect(produced).toEqual(expected);
          },
          thenRefuses: (matcher) => {
            let refusal: unknown = null;
            try {
              run();
            } catch (error) {
              refusal = error;
            }
            expect(refusal).toMatchObject(matcher);
          },
        };
      },
    }),
  };
}
