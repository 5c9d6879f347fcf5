import { TestClock } from '@sportello/clock';
import {
  EventSchemaRegistry,
  InMemoryKeyVault,
  NewEvent,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  ProjectionRunner,
  SealingEventStore,
} from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { SubjectStreams } from '../application/records/subject-streams';
import { dataSubjectEventSchemas } from '../privacy.schemas';
import { shippedPrivacyPolicy } from '../testing/privacy-policy.fixture';
import { subjectStreamsProjection } from './subject-streams.projection';

const clock = new TestClock('2026-05-19T12:00:00Z');
const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('subject_streams');
const storage = new PostgresEventStorage(db, schema);
const customer = { subject: 'customer.subjectId', fields: ['customer.name'] };
const store = new SealingEventStore(
  storage,
  new EventSchemaRegistry().register(
    ...Object.values(dataSubjectEventSchemas),
    { type: 'ComplaintFiled', version: 1, personal: [customer] },
    { type: 'ComplaintClosed', version: 1 },
    { type: 'FaultReported', version: 1, personal: [customer] },
    { type: 'FaultClosed', version: 1 },
    { type: 'FaultReopened', version: 1 },
  ),
  new PersonalDataSealer(new InMemoryKeyVault()),
  clock,
);
const projection = subjectStreamsProjection(shippedPrivacyPolicy());
const runner = new ProjectionRunner(db, store, projection, { schema, idleMs: 20 });
const streams = new SubjectStreams(db, store, schema);

beforeAll(async () => {
  await storage.init();
  await runner.init();
});
afterAll(async () => {
  await runner.stop();
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

const event = (
  type: string,
  data: object,
  occurredAt: string,
  policyVersion = 'FASTWEB@cds-2017',
): NewEvent => ({
  type,
  data,
  metadata: {
    occurredAt,
    actor: { id: 'op-1', role: 'operator' },
    correlationId: 'c',
    policyVersion,
  },
});

describe('subject_streams read model (issue 8: subject → streams by index)', () => {
  it('links each subject to its streams from event metadata, with kind, operator and closure', async () => {
    await store.append(
      'complaint-c1',
      [
        event(
          'ComplaintFiled',
          { customer: { subjectId: 'maria', name: 'Maria' } },
          '2026-05-01T08:00:00Z',
        ),
      ],
      'no_stream',
    );
    await store.append(
      'fault-f1',
      [
        event(
          'FaultReported',
          { customer: { subjectId: 'maria', name: 'Maria' } },
          '2026-05-02T08:00:00Z',
        ),
        event('FaultClosed', {}, '2026-05-03T08:00:00Z'),
        event('FaultReopened', {}, '2026-05-04T08:00:00Z'),
      ],
      'no_stream',
    );
    await store.append(
      'complaint-c2',
      [
        event(
          'ComplaintFiled',
          { customer: { subjectId: 'luca', name: 'Luca' } },
          '2026-05-01T09:00:00Z',
          'PSA@cds',
        ),
        event('ComplaintClosed', {}, '2026-05-05T09:00:00Z', 'PSA@cds'),
      ],
      'no_stream',
    );
    // Not yet applied: still found, from the projection's checkpoint on.
    expect(await streams.streamsOf('maria')).toEqual(['complaint-c1', 'fault-f1']);

    await runner.start();
    await runner.caughtUp();
    const { rows } = await db.query(
      `SELECT subject_id, stream, kind, is_ticket, operator, closed_at FROM ${schema}.subject_streams ORDER BY subject_id, stream`,
    );
    expect(rows).toEqual([
      {
        subject_id: 'luca',
        stream: 'complaint-c2',
        kind: 'complaint',
        is_ticket: true,
        operator: 'PSA',
        closed_at: new Date('2026-05-05T09:00:00Z'),
      },
      {
        subject_id: 'maria',
        stream: 'complaint-c1',
        kind: 'complaint',
        is_ticket: true,
        operator: 'FASTWEB',
        closed_at: null,
      },
      {
        subject_id: 'maria',
        stream: 'fault-f1',
        kind: 'fault',
        is_ticket: true,
        operator: 'FASTWEB',
        closed_at: null,
      },
    ]);
    expect(await streams.streamsOf('luca')).toEqual(['complaint-c2']);
  });

  it('marks a subject erased when its SubjectErased event arrives', async () => {
    await store.append(
      'subject-luca',
      [
        {
          type: 'SubjectErased',
          data: { requestId: 'r-1', subjectId: 'luca', erasedAt: '2026-06-01T10:00:00.000Z' },
          metadata: {
            occurredAt: '2026-06-01T10:00:00Z',
            actor: { id: 'dpo-1', role: 'privacy_officer' },
            correlationId: 'c',
            subjectIds: ['luca'],
          },
        },
      ],
      'no_stream',
    );
    await runner.caughtUp();
    const { rows } = await db.query(
      `SELECT subject_id, erased_at, erasure_request_id FROM ${schema}.data_subjects ORDER BY subject_id`,
    );
    expect(rows).toEqual([
      {
        subject_id: 'luca',
        erased_at: new Date('2026-06-01T10:00:00Z'),
        erasure_request_id: 'r-1',
      },
      { subject_id: 'maria', erased_at: null, erasure_request_id: null },
    ]);
    expect(await streams.streamsOf('luca')).toEqual(['complaint-c2', 'subject-luca']);
  });
});
