/** Store-level helpers of the benchmarks: a sealed event to append raw, and worker catch-up. */
import { v7 as uuidv7 } from 'uuid';
import { SystemClock } from '@sportello/clock';
import {
  EventSchemaRegistry,
  InMemoryKeyVault,
  NewEvent,
  PersonalDataSealer,
  PostgresEventStorage,
  SealedEvent,
  SealingEventStore,
  SqlExecutor,
} from '@sportello/eventstore';
import { complaintEventSchemas } from '@sportello/complaints';

/** A complaint filing in clear, as a command handler hands it to the store. */
export function filing(complaintId: string, subjectId: string): NewEvent {
  return {
    type: 'ComplaintFiled',
    data: {
      complaintId,
      trackingCode: 'RC-2026-BENCH000',
      operator: 'FASTWEB',
      policyVersion: 'FASTWEB@cds-2017',
      customer: {
        subjectId,
        customerType: 'residential',
        name: 'Rossi Impianti srl',
        phone: '+39 011 1234567',
      },
      channel: 'phone',
      receivedAt: '2026-05-19T08:00:00.000Z',
      answerDueAt: '2026-07-03T21:59:59.999Z',
      category: 'service_quality',
      description: 'Canone addebitato due volte nella fattura di maggio',
    },
    metadata: {
      occurredAt: '2026-05-19T08:00:00.000Z',
      actor: { id: 'op-bench', role: 'operator' },
      correlationId: complaintId,
    },
  };
}

/** A filing as the sealing store hands it to the adapter (three personal fields sealed). */
export async function appendTemplate(storage: PostgresEventStorage): Promise<SealedEvent> {
  const captured: SealedEvent[] = [];
  const capturing = Object.create(storage) as PostgresEventStorage;
  capturing.appendSealed = async (_stream, events) => {
    captured.push(...events);
    return { status: 'appended', nextExpectedRevision: 0, position: '0:0' };
  };
  const store = new SealingEventStore(
    capturing,
    new EventSchemaRegistry().register(...Object.values(complaintEventSchemas)),
    new PersonalDataSealer(new InMemoryKeyVault()),
    new SystemClock(),
  );
  const complaintId = uuidv7();
  await store.append(`complaint-${complaintId}`, [filing(complaintId, uuidv7())], 'no_stream');
  return captured[0];
}

let runs = 0;

/** One single-event append to a new stream per call, expected revision `no_stream`. */
export function newStreamAppend(storage: PostgresEventStorage, template: SealedEvent) {
  const run = ++runs;
  return async (writer: number, i: number) => {
    const stream = `bench-${run}-${writer}-${i}`;
    const outcome = await storage.appendSealed(
      stream,
      [{ ...template, id: uuidv7(), stream }],
      'no_stream',
    );
    if (outcome.status !== 'appended') throw new Error(`append refused: ${outcome.status}`);
  };
}

/** Waits until every projection and subscription of the schema has read the whole log. */
export async function waitForWorker(
  db: SqlExecutor,
  schema: string,
  timeoutMs: number,
): Promise<boolean> {
  const storage = new PostgresEventStorage(db, schema);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await storage.headCheckpoint();
    const { rows } = await db.query<{ checkpoint: string | null }>(
      `SELECT checkpoint FROM ${schema}.projection_checkpoints
       UNION ALL SELECT checkpoint FROM ${schema}.subscription_checkpoints`,
    );
    const behind = rows.some(
      (r) =>
        head !== null &&
        (r.checkpoint === null || storage.compareCheckpoints(r.checkpoint, head) < 0),
    );
    if (!behind) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
