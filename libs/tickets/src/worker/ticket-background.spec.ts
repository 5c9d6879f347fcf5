import { Logger } from '@nestjs/common';
import {
  EventSchemaRegistry,
  Projection,
  ProjectionRunner,
  RecordedEvent,
  SealingEventStore,
  SqlExecutor,
  SubscribeOptions,
} from '@sportello/eventstore';
import { MetricsService } from '@sportello/platform';
import { DeadlineRegistry } from '@sportello/timers';
import { LogFollower, TicketBackground, TicketBackgroundSetup } from './ticket-background';

const calls: string[] = [];
const onErrors: Record<string, SubscribeOptions['onError']> = {};
let projectionError: ((error: unknown) => void) | undefined;

beforeEach(() => {
  calls.length = 0;
  jest.spyOn(ProjectionRunner.prototype, 'start').mockImplementation(async function (
    this: ProjectionRunner,
  ) {
    projectionError = (this as unknown as { options: { onError: (e: unknown) => void } }).options
      .onError;
    calls.push('projection.start');
  });
  jest.spyOn(ProjectionRunner.prototype, 'caughtUp').mockImplementation(async () => {
    calls.push('projection.caughtUp');
  });
  jest.spyOn(ProjectionRunner.prototype, 'stop').mockImplementation(async () => {
    calls.push('projection.stop');
  });
  jest
    .spyOn(ProjectionRunner.prototype, 'lag')
    .mockResolvedValue({ checkpoint: null, head: null, caughtUp: false, eventsBehind: 7 });
});
afterEach(() => jest.restoreAllMocks());

const store = {
  subscribe: (name: string, _handle: unknown, options: SubscribeOptions) => {
    calls.push(`subscribe ${name}`);
    onErrors[name] = options.onError;
    return {
      name,
      stopped: Promise.resolve(),
      caughtUp: async () => void calls.push(`${name}.caughtUp`),
      stop: async () => void calls.push(`${name}.stop`),
    };
  },
} as unknown as SealingEventStore;

const follower = (subscription: string, namesEvent?: boolean): LogFollower => ({
  subscription,
  label: `${subscription} follower`,
  handle: async () => undefined,
  eventTypes: ['Ping'],
  namesEvent,
});

class Background extends TicketBackground {
  constructor(setup: Partial<TicketBackgroundSetup>) {
    super({
      name: 'Background',
      registry: { register: () => void calls.push('schemas') } as unknown as EventSchemaRegistry,
      schemas: [],
      db: {} as SqlExecutor,
      schema: 'tickets_test',
      createTables: async () => void calls.push('tables'),
      store,
      projection: { name: 'things' } as Projection,
      ...setup,
    });
  }
}

describe('a ticket module background', () => {
  it('registers the schemas, creates the tables, then registers its deadline kind', async () => {
    const deadlines = new DeadlineRegistry();
    const handler = async () => undefined;
    const open = async function* () {};
    await new Background({
      deadline: { registry: deadlines, kind: 'THING_DUE', handler, open },
    }).onModuleInit();
    expect(calls).toEqual(['schemas', 'tables']);
    expect(deadlines.handlers.THING_DUE).toBe(handler);
    expect(deadlines.openDeadlineSources).toEqual([open]);
  });

  it('starts the read model before its followers; waits for and stops them the other way round', async () => {
    const background = new Background({ followers: [follower('timers'), follower('reactor')] });
    await background.onApplicationBootstrap();
    await background.caughtUp();
    await background.onApplicationShutdown();
    expect(calls).toEqual([
      'projection.start',
      'subscribe timers',
      'subscribe reactor',
      'reactor.caughtUp',
      'timers.caughtUp',
      'projection.caughtUp',
      'reactor.stop',
      'timers.stop',
      'projection.stop',
    ]);
  });

  it('logs a failure by its class unless told otherwise, and a reactor by the event it stopped at', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const event = { id: 'ev-1' } as RecordedEvent;
    await new Background({
      followers: [follower('timers'), follower('reactor', true)],
    }).onApplicationBootstrap();
    onErrors.timers!(new TypeError('secret'), event);
    onErrors.reactor!(new RangeError('secret'), event);
    projectionError!('secret');
    await new Background({
      followers: [follower('timers')],
      describeError: String,
    }).onApplicationBootstrap();
    onErrors.timers!(new TypeError('quoted'), event);
    expect(error.mock.calls.map(([message]) => message)).toEqual([
      'timers follower stopped: TypeError',
      'reactor follower stopped at event ev-1: RangeError',
      'Projection things stopped: unknown error',
      'timers follower stopped: TypeError: quoted',
    ]);
  });

  it('reports the read model lag every 15 s where it has metrics, and stops on shutdown', async () => {
    jest.useFakeTimers();
    try {
      const setProjectionLag = jest.fn();
      const background = new Background({
        metrics: { setProjectionLag } as unknown as MetricsService,
      });
      await background.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(15_000);
      expect(setProjectionLag).toHaveBeenCalledWith('things', 7);
      await background.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(setProjectionLag).toHaveBeenCalledTimes(1);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
