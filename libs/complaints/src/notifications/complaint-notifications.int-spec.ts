import { TestClock } from '@sportello/clock';
import {
  EventSchemaRegistry,
  EventStore,
  InMemoryKeyVault,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  ProjectionRunner,
  RecordedEvent,
  SealingEventStore,
} from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import {
  CustomerNotified,
  customerNotifiedSchema,
  DispatchLog,
  LoggingSmsChannel,
  NotificationChannel,
  NotificationChannelName,
  NotificationDispatcher,
  notificationIdOf,
  NotificationOutbox,
  notificationOutboxProjection,
  NotificationRuleRegistry,
  SmtpEmailChannel,
} from '@sportello/notifications';
import { SmtpTestServer } from '@sportello/notifications/testing/smtp-test-server';
import { v7 as uuidv7 } from 'uuid';
import { complaintEventSchemas } from '../complaint.schemas';
import { ComplaintFiled } from '../domain/complaint.events';
import { COMPLAINT_FILED_NOTICE, complaintNotifications } from './complaint-notifications';

const clock = new TestClock('2026-03-02T09:00:00Z');
const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('notifications');
const storage = new PostgresEventStorage(db, schema);
const vault = new InMemoryKeyVault();
const store = new SealingEventStore(
  storage,
  new EventSchemaRegistry().register(
    ...Object.values(complaintEventSchemas),
    customerNotifiedSchema,
  ),
  new PersonalDataSealer(vault),
  clock,
);
const rules = new NotificationRuleRegistry().register(complaintNotifications).freeze();
// Projection advisory locks are database-wide by name: a name of its own keeps this file from
// waiting on an application booted by another test file.
const projection = { ...notificationOutboxProjection(rules, clock), name: `outbox_${schema}` };
const runner = new ProjectionRunner(db, store, projection, { schema, idleMs: 20 });
const outbox = new NotificationOutbox(db, schema);

/** Everything anything logged: scanned for personal data at the end. */
const logged: string[] = [];
const logger: DispatchLog = {
  log: (line) => logged.push(line),
  warn: (line) => logged.push(line),
  error: (line) => logged.push(line),
};

/** Fault injection: the store and the channel fail when told to, as a crash would. */
const faults = { appendNotified: 0, afterSmtpAccepted: 0 };
const faultyStore: EventStore = {
  append: async (stream, events, expected) => {
    if (events.some((e) => e.type === 'CustomerNotified') && faults.appendNotified > 0) {
      faults.appendNotified--;
      throw new Error('simulated crash before the record');
    }
    return store.append(stream, events, expected);
  },
  readStream: (stream, options) => store.readStream(stream, options),
  readAll: (options) => store.readAll(options),
  subscribe: (name, handler, options) => store.subscribe(name, handler, options),
};

let smtp: SmtpTestServer;
let email: SmtpEmailChannel;
let dispatcher: NotificationDispatcher;
const sms = new LoggingSmsChannel({ log: (line) => logged.push(line) });

function dispatcherWith(channels: NotificationChannel[]): NotificationDispatcher {
  return new NotificationDispatcher(
    outbox,
    faultyStore,
    rules,
    new Map(channels.map((c) => [c.name, c] as [NotificationChannelName, NotificationChannel])),
    clock,
    {
      retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 },
      leaseMs: 60_000,
      pollMs: 20,
      batchSize: 10,
      logger,
    },
  );
}

beforeAll(async () => {
  await storage.init();
  await runner.start();
  smtp = await SmtpTestServer.start();
  email = new SmtpEmailChannel({ url: smtp.url, from: 'Sportello <reclami@sportello.test>' });
  const flaky: NotificationChannel = {
    name: 'email',
    send: async (message) => {
      const receipt = await email.send(message);
      if (faults.afterSmtpAccepted > 0) {
        faults.afterSmtpAccepted--;
        throw new Error('simulated crash after the SMTP server accepted the message');
      }
      return receipt;
    },
  };
  dispatcher = dispatcherWith([flaky, sms]);
});

afterAll(async () => {
  await runner.stop();
  email.close();
  await smtp.close();
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

const people: { name: string; fiscalCode: string; email: string; phone: string }[] = [];

/** Files a complaint by appending its event, as the command handler would. */
async function fileComplaint(contacts: { email?: string | null; phone?: string | null } = {}) {
  const complaintId = uuidv7();
  const n = people.length + 1;
  const person = {
    name: `Maria Esposito ${n}`,
    fiscalCode: `SPSMRA80A41F83${String(n).padStart(2, '0')}`,
    email: `maria.esposito.${n}@example.it`,
    phone: `+39 333 12345${String(n).padStart(2, '0')}`,
  };
  people.push(person);
  const customer = {
    subjectId: uuidv7(),
    customerType: 'residential' as const,
    name: person.name,
    fiscalCode: person.fiscalCode,
    email: contacts.email === undefined ? person.email : contacts.email,
    phone: contacts.phone === undefined ? person.phone : contacts.phone,
  };
  const trackingCode = `RC-2026-${complaintId.replace(/-/g, '').slice(-8).toUpperCase()}`;
  const filed: ComplaintFiled = {
    type: 'ComplaintFiled',
    data: {
      complaintId,
      trackingCode,
      operator: 'FASTWEB',
      policyVersion: 'FASTWEB@cds-2017',
      customer,
      channel: 'registered_letter',
      receivedAt: '2026-03-02T08:00:00.000Z',
      sentAt: null,
      category: 'service_quality',
      description: `Scrive ${person.name}: la linea cade ogni sera`,
      invoice: null,
      billing: null,
      answerDueAt: '2026-04-16T21:59:59.999Z',
      answerDue: {
        rule: 'CMP-5',
        clause: 'FW-CDS §4.12',
        termDays: 45,
        dueDate: '2026-04-16',
        summary: '…',
      },
    },
  };
  const stream = `complaint-${complaintId}`;
  const eventId = uuidv7();
  await store.append(
    stream,
    [
      {
        id: eventId,
        type: filed.type,
        data: filed.data,
        metadata: {
          occurredAt: filed.data.receivedAt,
          actor: { id: 'op-1', role: 'operator' },
          correlationId: `corr-${complaintId}`,
        },
      },
    ],
    'no_stream',
  );
  await runner.caughtUp();
  return { stream, eventId, trackingCode, customer, person };
}

async function notified(
  stream: string,
): Promise<RecordedEvent<string, CustomerNotified['data']>[]> {
  return (await store.readStream(stream)).filter(
    (e) => e.type === 'CustomerNotified',
  ) as RecordedEvent<string, CustomerNotified['data']>[];
}

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

describe('complaint notifications through the outbox (real PostgreSQL, real SMTP server)', () => {
  it('NTF-1, CMP-2: a filed complaint yields exactly one e-mail with its tracking code, recorded once (NTF-11)', async () => {
    const { stream, eventId, trackingCode, customer } = await fileComplaint();
    await dispatcher.drain();

    const mails = mailsTo(customer.email!);
    expect(mails).toHaveLength(1);
    const notificationId = notificationIdOf(eventId, COMPLAINT_FILED_NOTICE, 'email');
    expect(mails[0]).toMatchObject({
      from: 'reclami@sportello.test',
      subject: `Reclamo registrato: codice ${trackingCode}`,
      notificationId,
      messageId: `<${notificationId}@sportello.test>`,
    });
    expect(mails[0].text).toContain(trackingCode);
    expect(mails[0].text).toContain('entro il 16/04/2026');

    const records = await notified(stream);
    expect(records).toHaveLength(1);
    expect(records[0].id).toBe(notificationId);
    expect(records[0].data).toEqual({
      notificationId,
      subjectId: customer.subjectId,
      template: COMPLAINT_FILED_NOTICE,
      channel: 'email',
      contact: { subjectId: customer.subjectId, field: 'email', eventId, path: 'customer.email' },
      causationEventId: eventId,
      sentAt: clock.now().toISOString(),
      providerMessageId: `<${notificationId}@sportello.test>`,
    });
    expect(records[0].metadata).toMatchObject({
      actor: { id: 'system:notifications', role: 'system' },
      causationId: eventId,
      correlationId: expect.stringMatching(/^corr-/),
      subjectIds: [customer.subjectId],
    });
    expect((await outbox.ofTicket(stream)).map((r) => [r.channel, r.status])).toEqual([
      ['email', 'recorded'],
      ['sms', 'abandoned'],
    ]);

    expect(await dispatcher.drain()).toBe(0);
    expect(mailsTo(customer.email!)).toHaveLength(1);
  });

  it('re-reading the whole log enqueues nothing twice (the outbox insert is idempotent)', async () => {
    const { stream } = await fileComplaint();
    await dispatcher.drain();
    const before = await outbox.ofTicket(stream);
    const replay = new ProjectionRunner(
      db,
      store,
      { ...projection, name: `replay_${schema}` },
      {
        schema,
        idleMs: 20,
      },
    );
    await replay.start();
    await replay.caughtUp();
    await replay.stop();
    expect(await outbox.ofTicket(stream)).toEqual(before);
    expect(await dispatcher.drain()).toBe(0);
  });

  it('a crash between send and record: not sent again, recorded exactly once', async () => {
    const { stream, customer } = await fileComplaint();
    faults.appendNotified = 1;
    await dispatcher.drain();
    expect(mailsTo(customer.email!)).toHaveLength(1);
    expect(await notified(stream)).toHaveLength(0);
    const [row] = await outbox.ofTicket(stream);
    expect(row).toMatchObject({ status: 'sent', lastError: 'Error', attempts: 1 });

    clock.advance({ seconds: 1 });
    await dispatcher.drain();
    expect(mailsTo(customer.email!)).toHaveLength(1);
    expect(await notified(stream)).toHaveLength(1);
    expect((await outbox.ofTicket(stream))[0].status).toBe('recorded');
  });

  it('a crash after the SMTP server accepted but before the outbox knew: sent once more at most, recorded once', async () => {
    const { stream, customer } = await fileComplaint();
    faults.afterSmtpAccepted = 1;
    await dispatcher.drain();
    expect(mailsTo(customer.email!)).toHaveLength(1);
    expect((await outbox.ofTicket(stream))[0]).toMatchObject({ status: 'pending', attempts: 1 });

    clock.advance({ seconds: 1 });
    await dispatcher.drain();
    const mails = mailsTo(customer.email!);
    expect(mails).toHaveLength(2);
    expect(mails[1].messageId).toBe(mails[0].messageId); // the same message, for the client to fold
    expect(await notified(stream)).toHaveLength(1);
    clock.advance({ minutes: 10 });
    expect(await dispatcher.drain()).toBe(0);
    expect(mailsTo(customer.email!)).toHaveLength(2);
  });

  it('a failing SMTP server: retried with exponential backoff, then sent once and recorded', async () => {
    const { stream, customer, trackingCode } = await fileComplaint();
    smtp.failNext(2, 451);
    await dispatcher.drain();
    const start = clock.now().getTime();
    expect((await outbox.ofTicket(stream))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'smtp_451',
      nextAttemptAt: new Date(start + 1_000).toISOString(),
    });
    expect(await dispatcher.drain()).toBe(0); // not due yet

    clock.advance({ seconds: 1 });
    await dispatcher.drain();
    expect((await outbox.ofTicket(stream))[0]).toMatchObject({
      attempts: 2,
      nextAttemptAt: new Date(start + 1_000 + 2_000).toISOString(),
    });
    clock.advance({ seconds: 2 });
    await dispatcher.drain();
    expect(mailsTo(customer.email!)).toHaveLength(1);
    expect(mailsTo(customer.email!)[0].text).toContain(trackingCode);
    expect(await notified(stream)).toHaveLength(1);
  });

  it('NTF-11: e-mail refused for good (550) or missing → the SMS is sent and its channel recorded', async () => {
    const refused = await fileComplaint();
    smtp.failNext(1, 550);
    const missing = await fileComplaint({ email: null });
    await dispatcher.drain();

    for (const { stream, customer } of [refused, missing]) {
      const records = await notified(stream);
      expect(records).toHaveLength(1);
      expect(records[0].data).toMatchObject({
        channel: 'sms',
        contact: { subjectId: customer.subjectId, field: 'phone', path: 'customer.phone' },
      });
    }
    expect((await outbox.ofTicket(refused.stream))[0]).toMatchObject({
      status: 'abandoned',
      abandonReason: 'rejected',
      lastError: 'smtp_550',
    });
    expect((await outbox.ofTicket(missing.stream))[0]).toMatchObject({
      status: 'abandoned',
      abandonReason: 'no_contact',
    });
    expect(logged.some((line) => line.includes('sms notice'))).toBe(true);
  });

  it('retries exhausted on e-mail: abandoned after the last attempt, then the SMS goes', async () => {
    const { stream } = await fileComplaint();
    smtp.failNext(3, 421);
    for (let i = 0; i < 3; i++) {
      await dispatcher.drain();
      clock.advance({ seconds: 10 });
    }
    await dispatcher.drain();
    expect(
      (await outbox.ofTicket(stream)).map((r) => [r.channel, r.status, r.abandonReason]),
    ).toEqual([
      ['email', 'abandoned', 'max_attempts'],
      ['sms', 'recorded', null],
    ]);
    expect((await notified(stream)).map((e) => e.data.channel)).toEqual(['sms']);
  });

  it('PRV-13: an erased contact is never used: abandoned, nothing appended', async () => {
    const { stream, customer } = await fileComplaint();
    await vault.destroy(customer.subjectId);
    await dispatcher.drain();
    expect(mailsTo(customer.email!)).toHaveLength(0);
    expect(await notified(stream)).toHaveLength(0);
    expect((await outbox.ofTicket(stream)).map((r) => [r.status, r.abandonReason])).toEqual([
      ['abandoned', 'contact_erased'],
      ['abandoned', 'contact_erased'],
    ]);
  });

  it('a worker that died holding a notice: the notice waits for its lease to expire, then goes once', async () => {
    const { stream, customer } = await fileComplaint();
    const claimed = await outbox.claim(clock.now(), 60_000, 100); // and the worker dies
    expect(claimed.map((r) => r.ticketStream)).toContain(stream);
    expect(await dispatcher.drain()).toBe(0);
    clock.advance({ seconds: 60 });
    await dispatcher.drain();
    expect(mailsTo(customer.email!)).toHaveLength(1);
    expect(await notified(stream)).toHaveLength(1);
  });

  it('two dispatchers draining together send each notice once', async () => {
    const filed = await Promise.all([fileComplaint(), fileComplaint(), fileComplaint()]);
    await runner.caughtUp();
    const other = dispatcherWith([email, sms]);
    await Promise.all([dispatcher.drain(), other.drain(), dispatcher.drain()]);
    for (const { stream, customer } of filed) {
      expect(mailsTo(customer.email!)).toHaveLength(1);
      expect(await notified(stream)).toHaveLength(1);
    }
  });

  it('NTF-13: no log line, outbox row or notification event carries personal data', async () => {
    expect(logged.length).toBeGreaterThan(0);
    const { rows } = await db.query<{ row: string }>(
      `SELECT o::text AS row FROM ${schema}.notification_outbox o`,
    );
    const { rows: events } = await db.query<{ row: string }>(
      `SELECT data::text || metadata::text AS row FROM ${schema}.events WHERE type = 'CustomerNotified'`,
    );
    const haystack = [...logged, ...rows.map((r) => r.row), ...events.map((r) => r.row)].join('\n');
    for (const person of people) {
      for (const value of [person.name, person.fiscalCode, person.email, person.phone, 'Maria'])
        expect({ value, found: haystack.includes(value) }).toEqual({ value, found: false });
    }
    expect(haystack).not.toMatch(/@example\.it|\+39/);
  });
});
