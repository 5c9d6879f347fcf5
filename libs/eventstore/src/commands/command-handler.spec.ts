import { TestClock } from '@sportello/clock';
import { ConflictingState, Decider } from '@sportello/decider';
import { InMemoryEventStorage } from '../adapters/in-memory/in-memory-event-storage';
import { InMemoryKeyVault } from '../privacy/in-memory-key-vault';
import { PersonalDataSealer } from '../privacy/personal-data-sealer';
import { EventSchemaRegistry } from '../schema/event-schema';
import { SealingEventStore } from '../store/sealing-event-store';
import { ConcurrencyConflictError, StaleRevisionError } from './command-errors';
import { CommandHandler } from './command-handler';

type CounterEvent =
  | { type: 'Opened'; data: { at: string } }
  | { type: 'Incremented'; data: { by: number } }
  | { type: 'Closed'; data: object };
type CounterCommand = { type: 'Open' } | { type: 'Increment'; by: number } | { type: 'Close' };
type Counter = { status: 'none' | 'open' | 'closed'; total: number };

const counter: Decider<CounterCommand, CounterEvent, Counter> = {
  initialState: () => ({ status: 'none', total: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'Opened':
        return { ...state, status: 'open' };
      case 'Incremented':
        return { ...state, total: state.total + event.data.by };
      case 'Closed':
        return { ...state, status: 'closed' };
      default:
        return state;
    }
  },
  decide: (command, state, { now }) => {
    switch (command.type) {
      case 'Open':
        return state.status === 'none' ? [{ type: 'Opened', data: { at: now } }] : [];
      case 'Increment':
        if (state.status !== 'open') throw new ConflictingState('The counter is not open');
        return [{ type: 'Incremented', data: { by: command.by } }];
      case 'Close':
        return [{ type: 'Closed', data: {} }];
    }
  },
};

function setup() {
  const storage = new InMemoryEventStorage();
  const registry = new EventSchemaRegistry().register(
    { type: 'Opened', version: 1 },
    { type: 'Incremented', version: 1 },
    { type: 'Closed', version: 1 },
  );
  const clock = new TestClock('2026-05-04T08:00:00Z');
  const store = new SealingEventStore(
    storage,
    registry,
    new PersonalDataSealer(new InMemoryKeyVault()),
    clock,
  );
  return { store, storage, handler: new CommandHandler(store, clock) };
}

const actor = { id: 'op-7', role: 'operator', roles: ['operator'] };
const envelope = (command: CounterCommand, extra: { ifMatch?: number } = {}) => ({
  stream: 'counter-1',
  command,
  actor,
  correlationId: 'corr-1',
  ...extra,
});

describe('CommandHandler', () => {
  it('folds the stream, decides with the clock time and appends with the actor in the metadata', async () => {
    const { store, handler } = setup();
    const opened = await handler.handle(counter, envelope({ type: 'Open' }));
    expect(opened).toMatchObject({
      revision: 0,
      state: { status: 'open' },
      events: [{ type: 'Opened', data: { at: '2026-05-04T08:00:00.000Z' } }],
    });
    const incremented = await handler.handle(
      counter,
      envelope({ type: 'Increment', by: 3 }, { ifMatch: 0 }),
    );
    expect(incremented).toMatchObject({ revision: 1, state: { total: 3 } });
    const [, event] = await store.readStream('counter-1');
    expect(event.metadata).toMatchObject({
      actor: { id: 'op-7', role: 'operator' },
      correlationId: 'corr-1',
      occurredAt: '2026-05-04T08:00:00.000Z',
    });
  });

  it('appends nothing when the decider decides nothing', async () => {
    const { store, handler } = setup();
    await handler.handle(counter, envelope({ type: 'Open' }));
    expect(await handler.handle(counter, envelope({ type: 'Open' }))).toMatchObject({
      events: [],
      revision: 0,
    });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('refuses a stale If-Match before deciding, and passes domain refusals through', async () => {
    const { handler } = setup();
    await expect(handler.handle(counter, envelope({ type: 'Increment', by: 1 }))).rejects.toThrow(
      ConflictingState,
    );
    await handler.handle(counter, envelope({ type: 'Open' }));
    await handler.handle(counter, envelope({ type: 'Increment', by: 1 }));
    await expect(
      handler.handle(counter, envelope({ type: 'Increment', by: 1 }, { ifMatch: 0 })),
    ).rejects.toMatchObject({
      constructor: StaleRevisionError,
      expected: 0,
      actual: 1,
    });
  });

  it('creates a stream it is told is new without reading it, and falls back to reading if it exists', async () => {
    const { store, handler } = setup();
    const reads = jest.spyOn(store, 'readStream');
    const created = await handler.handle(counter, {
      ...envelope({ type: 'Open' }),
      newStream: true,
    });
    expect(created).toMatchObject({ revision: 0, state: { status: 'open' } });
    expect(reads).not.toHaveBeenCalled();

    // Wrongly told so: the outcome is the ordinary one (Open on an open counter decides nothing).
    expect(
      await handler.handle(counter, { ...envelope({ type: 'Open' }), newStream: true }),
    ).toMatchObject({ events: [], revision: 0, state: { status: 'open' } });
    await handler.handle(counter, envelope({ type: 'Increment', by: 2 }));
    await expect(
      handler.handle(counter, { ...envelope({ type: 'Close' }), newStream: true }),
    ).resolves.toMatchObject({ revision: 2, state: { status: 'closed', total: 2 } });
    expect((await store.readStream('counter-1')).map((e) => e.type)).toEqual([
      'Opened',
      'Incremented',
      'Closed',
    ]);
  });

  it('decides over sealed personal fields when told the command needs none, and opens nothing', async () => {
    const { store, handler } = setup();
    const opened = jest.spyOn(store, 'open');
    await handler.handle(counter, envelope({ type: 'Open' }));
    const result = await handler.handle(counter, {
      ...envelope({ type: 'Increment', by: 4 }),
      sealed: true,
    });
    expect(result).toMatchObject({ revision: 1, state: { status: 'open', total: 4 } });
    expect(opened).not.toHaveBeenCalled();
  });

  it('serialises commands on one stream inside the process, so none of many concurrent ones conflicts', async () => {
    const { store, handler } = setup();
    await handler.handle(counter, envelope({ type: 'Open' }));
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        handler.handle(counter, envelope({ type: 'Increment', by: 2 })),
      ),
    );
    expect(results.map((r) => r.revision).sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect((await handler.load(counter, 'counter-1')).state.total).toBe(100);
    expect(await store.readStream('counter-1')).toHaveLength(51);
  });

  it('reports a write by another process as a conflict (409) or a stale revision (412), storing nothing of its own', async () => {
    const { store, handler } = setup();
    await handler.handle(counter, envelope({ type: 'Open' }));
    const otherProcess = new CommandHandler(store, new TestClock());
    const original = store.readStream.bind(store);
    let interleaved = false;
    jest.spyOn(store, 'readStream').mockImplementation(async (...args) => {
      const events = await original(...args);
      if (!interleaved) {
        interleaved = true;
        await otherProcess.handle(counter, envelope({ type: 'Increment', by: 5 }));
      }
      return events;
    });
    await expect(
      handler.handle(counter, envelope({ type: 'Increment', by: 1 })),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    interleaved = false;
    await expect(
      handler.handle(counter, envelope({ type: 'Increment', by: 1 }, { ifMatch: 2 })),
    ).rejects.toBeInstanceOf(StaleRevisionError);
    jest.restoreAllMocks();
    expect((await handler.load(counter, 'counter-1')).state.total).toBe(10);
  });

  describe('annotations: events the client need not have seen', () => {
    const annotated = { ...counter, annotations: ['Noted'] } as unknown as Decider<
      CounterCommand,
      CounterEvent,
      Counter
    >;
    const note = {
      type: 'Noted',
      data: {},
      metadata: { occurredAt: '2026-05-04T08:00:00Z', actor, correlationId: 'n' },
    };

    function setupAnnotated() {
      const parts = setup();
      parts.store.registry.register({ type: 'Noted', version: 1 });
      return parts;
    }

    it('leave the ETag as it was, so an If-Match read before them still holds', async () => {
      const { store, handler } = setupAnnotated();
      await handler.handle(annotated, envelope({ type: 'Open' }));
      await store.append('counter-1', [note], 0);
      const loaded = await handler.load(annotated, 'counter-1');
      expect(loaded).toMatchObject({ revision: 1, etagRevision: 0 });
      const result = await handler.handle(
        annotated,
        envelope({ type: 'Increment', by: 2 }, { ifMatch: 0 }),
      );
      expect(result.revision).toBe(2);
      await expect(
        handler.handle(annotated, envelope({ type: 'Increment', by: 2 }, { ifMatch: 0 })),
      ).rejects.toBeInstanceOf(StaleRevisionError);
    });

    it('arriving between the read and the append, the command is decided again and succeeds', async () => {
      const { store, handler } = setupAnnotated();
      await handler.handle(annotated, envelope({ type: 'Open' }));
      const append = store.append.bind(store);
      let raced = false;
      jest.spyOn(store, 'append').mockImplementation(async (stream, events, expected) => {
        if (!raced) {
          raced = true;
          await append(stream, [note], 0);
        }
        return append(stream, events, expected);
      });
      const result = await handler.handle(
        annotated,
        envelope({ type: 'Increment', by: 5 }, { ifMatch: 0 }),
      );
      expect(result).toMatchObject({ revision: 2, state: { total: 5 } });
      expect((await store.readStream('counter-1')).map((e) => e.type)).toEqual([
        'Opened',
        'Noted',
        'Incremented',
      ]);
    });
  });
});
