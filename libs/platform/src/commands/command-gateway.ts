import { Injectable } from '@nestjs/common';
import { Decider, DomainError, DomainEvent } from '@sportello/decider';
import {
  CommandEnvelope,
  CommandHandler,
  CommandResult,
  ConcurrencyConflictError,
  StaleRevisionError,
} from '@sportello/eventstore';
import { RequestContext } from '../context/request-context';
import { CommandOutcome, MetricsService } from '../metrics/metrics.service';

/** What a feature supplies; the actor and correlation come from the request, never the client. */
export type GatewayCommand<Command> = Omit<CommandEnvelope<Command>, 'actor' | 'correlationId'> & {
  /** The name counted in the command metrics; defaults to the command's `type`. */
  commandType?: string;
};

/**
 * Runs a feature's decider through the `CommandHandler` with the authenticated actor of the
 * current request and its id as correlation id, and counts the outcome.
 */
@Injectable()
export class CommandGateway {
  constructor(
    private readonly handler: CommandHandler,
    private readonly context: RequestContext,
    private readonly metrics: MetricsService,
  ) {}

  async execute<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    command: GatewayCommand<Command>,
  ): Promise<CommandResult<State, Event>> {
    const store = this.context.current();
    if (!store?.actor) throw new Error('CommandGateway.execute needs an authenticated request');
    return this.run(decider, command, {
      actor: { id: store.actor.id, role: store.actor.role, roles: store.actor.roles },
      correlationId: store.requestId,
    });
  }

  /**
   * For work no person asked for (a deadline firing, a reconciler): the actor is the named
   * system component, and the correlation id links it to what caused it.
   */
  executeAsSystem<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    command: GatewayCommand<Command>,
    origin: { component: string; correlationId: string },
  ): Promise<CommandResult<State, Event>> {
    return this.run(decider, command, {
      actor: { id: `system:${origin.component}`, role: 'system', roles: [] },
      correlationId: origin.correlationId,
    });
  }

  private async run<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    command: GatewayCommand<Command>,
    who: Pick<CommandEnvelope<Command>, 'actor' | 'correlationId'>,
  ): Promise<CommandResult<State, Event>> {
    const { commandType, ...envelope } = command;
    const type = commandType ?? typeOf(command.command);
    try {
      const result = await this.handler.handle(decider, { ...envelope, ...who });
      this.metrics.observeCommand(type, result.events.length ? 'accepted' : 'unchanged');
      return result;
    } catch (error) {
      this.metrics.observeCommand(type, outcomeOf(error));
      throw error;
    }
  }
}

function typeOf(command: unknown): string {
  const type = (command as { type?: unknown })?.type;
  if (typeof type === 'string') return type;
  return (command as object)?.constructor?.name ?? 'unknown';
}

function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof DomainError) return error.kind === 'rule_violation' ? 'rejected' : 'refused';
  if (error instanceof StaleRevisionError) return 'stale';
  if (error instanceof ConcurrencyConflictError) return 'conflict';
  return 'failed';
}
