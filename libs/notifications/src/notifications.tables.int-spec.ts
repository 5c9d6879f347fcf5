import { TestClock } from '@sportello/clock';
import { PgExecutor } from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { NotificationRuleRegistry } from './domain/notification-rule-registry';
import { createNotificationTables } from './notifications.tables';
import {
  notificationOutboxProjection,
  OUTBOX_TABLE,
} from './outbox/notification-outbox.projection';

const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('outbox');
const outbox = notificationOutboxProjection(
  new NotificationRuleRegistry(),
  new TestClock('2026-05-19T08:00:00Z'),
);

afterAll(async () => {
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
});

describe('notification tables', () => {
  it('index the outbox by subject (privacy export and erasure), however often created', async () => {
    await createNotificationTables(db, schema, outbox);
    await db.exec(`DROP INDEX ${schema}.${OUTBOX_TABLE}_subject`);
    await createNotificationTables(db, schema, outbox);
    await createNotificationTables(db, schema, outbox);
    const { rows } = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2`,
      [schema, OUTBOX_TABLE],
    );
    expect(rows.filter((r) => /\(subject_id\)$/.test(r.indexdef))).toHaveLength(1);
  });
});
