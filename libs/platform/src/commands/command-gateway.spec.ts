import { TestClock } from '@sportello/clock';
import { Decider, RuleViolation } from '@sportello/decider';
import {
  CommandHandler,
  EventSchemaRegistry,
  InMemoryEventStorage,
  InMemoryKeyVault,
  PersonalDataSealer,
  SealingEventStore,
  StaleRevisionError,
} from '@sportello/eventstore';
import { RequestContext } from '../context/request-context';
import { MetricsService } from '../metrics/metrics.service';
import { CommandGateway } from './command-gateway';

type Command = { type: 'Ring'; times: number };
type Event = { type: 'Rang'; data: { times: number } };
const bell: Decider<Command, Event, { rung: number }> = {
  initialState: () => ({ rung: 0 }),
  evolve: (state, event) => ({ rung: state.rung + event.data.times }),
  decide: (command) => {
    if (command.times > 3) throw new RuleViolation('BELL-1', 'At most three rings');
    return command.times === 0 ? [] : [{ type: 'Rang', data: { times: command.times } }];
  },
};

function setup() {
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const store = new SealingEventStore(
    new InMemoryEventStorage(),
    new EventSchemaRegistry().register({ type: 'Rang', version: 1 }),
    new PersonalDataSealer(new InMemoryKeyVault()),
    clock,
  );
  const context = new RequestContext();
  const metrics = new MetricsService();
  const gateway = new CommandGateway(new CommandHandler(store, clock), context, metrics);
  return { store, context, metrics, gateway };
}

const operator = {
  id: 'op-7',
  roles: ['auditor' as const, 'operator' as const],
  role: 'operator' as const,
};

describe('CommandGateway', () => {
  it('stamps the request actor and id on the events, never anything the command carries', async () => {
    const { store, context, gateway } = setup();
    await context.run({ requestId: 'req-1', actor: operator }, () =>
      gateway.execute(bell, { stream: 'bell-1', command: { type: 'Ring', times: 2 } }),
    );
    const [event] = await store.readStream('bell-1');
    expect(event.metadata).toMatchObject({
      actor: { id: 'op-7', role: 'operator' },
      correlationId: 'req-1',
    });
  });

  it('refuses to run outside an authenticated request', async () => {
    const { context, gateway } = setup();
    await expect(
      gateway.execute(bell, { stream: 'bell-1', command: { type: 'Ring', times: 1 } }),
    ).rejects.toThrow(/authenticated request/);
    await expect(
      context.run({ requestId: 'req-2' }, () =>
        gateway.execute(bell, { stream: 'bell-1', command: { type: 'Ring', times: 1 } }),
      ),
    ).rejects.toThrow(/authenticated request/);
  });

  it('runs system work as the named component', async () => {
    const { store, gateway } = setup();
    await gateway.executeAsSystem(
      bell,
      { stream: 'bell-2', command: { type: 'Ring', times: 1 } },
      { component: 'timers', correlationId: 'deadline-9' },
    );
    const [event] = await store.readStream('bell-2');
    expect(event.metadata).toMatchObject({
      actor: { id: 'system:timers', role: 'system' },
      correlationId: 'deadline-9',
    });
  });

  it('counts every outcome by command type', async () => {
    const { context, metrics, gateway } = setup();
    await context.run({ requestId: 'req-3', actor: operator }, async () => {
      const ring = (times: number, ifMatch?: number) =>
        gateway.execute(bell, { stream: 'bell-3', command: { type: 'Ring', times }, ifMatch });
      await ring(1);
      await ring(0);
      await expect(ring(4)).rejects.toBeInstanceOf(RuleViolation);
      await expect(ring(1, 7)).rejects.toBeInstanceOf(StaleRevisionError);
    });
    const text = (await metrics.render()).body;
    for (const outcome of ['accepted', 'unchanged', 'rejected', 'stale'])
      expect(text).toContain(`sportello_commands_total{type="Ring",outcome="${outcome}"} 1`);
  });
});
