import { TestClock } from '@sportello/clock';
import { RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { notificationIdOf } from '../domain/notification-id';
import { NotificationRuleRegistry } from '../domain/notification-rule-registry';
import { notificationOutboxProjection } from './notification-outbox.projection';

const registry = new NotificationRuleRegistry().register({
  name: 'test',
  templates: [
    {
      name: 'thing.happened',
      contact: () => ({ status: 'missing' }),
      render: () => ({ subject: '', text: '' }),
    },
  ],
  rules: [
    {
      eventType: 'ThingHappened',
      notices: (e) => [
        {
          template: 'thing.happened',
          channels: ['email', 'sms'],
          subjectId: (e.data as { customer: { subjectId: string } }).customer.subjectId,
          ticketStream: e.stream,
        },
      ],
    },
  ],
});

function event(type: string, recordedAt = '2026-05-19T08:00:00.000Z'): RecordedEvent {
  return {
    id: '01a20386-0000-7000-8000-000000000001',
    stream: 'thing-1',
    revision: 0,
    position: '1',
    type,
    schemaVersion: 1,
    storedSchemaVersion: 1,
    data: { customer: { subjectId: 'sub-1', email: 'anna@example.it', phone: '+39 333 0000000' } },
    metadata: {
      occurredAt: recordedAt,
      recordedAt,
      actor: { id: 'op-1', role: 'operator' },
      correlationId: 'c',
      causationId: null,
      subjectIds: ['sub-1'],
      policyVersion: null,
    },
    prevHash: '',
    hash: '',
    masked: [],
  };
}

function capturingDb() {
  const params: unknown[][] = [];
  const db = {
    query: async (_sql: string, values: unknown[] = []) => {
      params.push(values);
      return { rows: [], rowCount: 1 };
    },
  } as unknown as SqlExecutor;
  return { db, params };
}

describe('notification outbox projection', () => {
  const clock = new TestClock('2026-05-19T08:00:01Z');
  const tables = { notification_outbox: 's.notification_outbox' };

  it('NTF-13: enqueues one row per channel, the first pending and the next in reserve, with ids only', async () => {
    const { db, params } = capturingDb();
    await notificationOutboxProjection(registry, clock).apply(db, event('ThingHappened'), tables);
    expect(params).toEqual([
      [
        notificationIdOf('01a20386-0000-7000-8000-000000000001', 'thing.happened', 'email'),
        '01a20386-0000-7000-8000-000000000001',
        'thing-1',
        'thing.happened',
        'email',
        0,
        'sub-1',
        'thing-1',
        'pending',
        '2026-05-19T08:00:00.000Z',
        '2026-05-19T08:00:01.000Z',
      ],
      expect.arrayContaining(['sms', 1, 'standby']),
    ]);
    expect(JSON.stringify(params)).not.toMatch(/anna|example|333/);
  });

  it('enqueues nothing for events no rule answers, nor for events recorded before NOTIFICATIONS_SINCE', async () => {
    const { db, params } = capturingDb();
    const since = notificationOutboxProjection(registry, clock, {
      since: '2026-05-19T09:00:00.000Z',
    });
    await since.apply(db, event('ThingHappened'), tables);
    await since.apply(db, event('SomethingElse', '2026-05-19T10:00:00.000Z'), tables);
    expect(params).toEqual([]);
    await since.apply(db, event('ThingHappened', '2026-05-19T10:00:00.000Z'), tables);
    expect(params).toHaveLength(2);
  });
});
