/**
 * Section 3: timers, on a private Redis (`hz 100`, as PERFORMANCE.md advises for production)
 * and a store of 100,000 open complaints (filings decided, sealed and hashed for real; see
 * complaint-store.ts). Each figure has its bare-BullMQ baseline from the same run:
 * - the reconciler re-arming every open deadline after a flush (read model → `ensureArmed`),
 *   beside plain `queue.add` of as many ids-only delayed jobs, 50 in flight;
 * - Redis memory per pending deadline, beside the same count of bare delayed jobs;
 * - 10,000 deadlines falling due at the same instant among the 100,000 pending: how late after
 *   the due instant the `ComplaintAnswerDeadlineMissed` events are appended (the real handler
 *   re-reads each stream, decides and appends), beside a no-op worker's pick-up lag for 10,000
 *   bare jobs due at once. Both workers run 50 jobs at a time, like the worker process.
 * The complaints read model the reconciler reads is filled with one INSERT … SELECT over the
 * filings (what the projection writes for a filing): the replay section measures projections.
 */
import { randomBytes } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import { Clock } from '@sportello/clock';
import {
  CommandHandler,
  EventSchemaRegistry,
  KeyWrapper,
  liveTables,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  SealingEventStore,
  SqlExecutor,
  SqlKeyVault,
} from '@sportello/eventstore';
import {
  COMPLAINT_ANSWER_DUE,
  complaintAnswerDeadlineHandler,
  complaintEventSchemas,
  complaintsListProjection,
  openComplaintDeadlines,
} from '@sportello/complaints';
import {
  Deadline,
  deadlineJobId,
  DeadlineReconciler,
  DeadlineScheduler,
  startDeadlineWorker,
} from '@sportello/timers';
import { generateComplaintStore } from './complaint-store';
import { DATABASE_URL, MASTER_KEY, PrivateRedis, startRedis } from './processes';
import { percentile, printTable, round, writeResults } from './support';

const PENDING = Number(process.env.BENCH_TIMERS_PENDING ?? 100_000);
const AT_ONCE = Number(process.env.BENCH_TIMERS_AT_ONCE ?? 10_000);
const LEAD_MS = 8_000;
const PREFIX = 'bench';

/** Real time shifted by an offset: business instants of the store map onto the next seconds. */
class OffsetClock implements Clock {
  constructor(public offsetMs = 0) {}
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** From now on, `instant` is `inMs` milliseconds away. */
  aim(instant: string, inMs: number): void {
    this.offsetMs = Date.parse(instant) - inMs - Date.now();
  }
}

async function usedMemory(redis: PrivateRedis): Promise<number> {
  const info = await redis.client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

/** Runs `op(i)` for i < n, `inFlight` at a time. */
async function pool(n: number, inFlight: number, op: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) await op(next++);
    }),
  );
}

async function fillReadModel(db: SqlExecutor, schema: string): Promise<void> {
  await complaintsListProjection.createTables(db, liveTables(schema, complaintsListProjection));
  await db.query(
    `INSERT INTO ${schema}.complaints (complaint_id, tracking_code, operator, policy_version, status, channel,
       category, subject_id, customer_type, received_at, answer_due_at, revision, filed_at, updated_at)
     SELECT (data->>'complaintId')::uuid, data->>'trackingCode', data->>'operator', data->>'policyVersion', 'open',
            data->>'channel', data->>'category', data->'customer'->>'subjectId', data->'customer'->>'customerType',
            (data->>'receivedAt')::timestamptz, (data->>'answerDueAt')::timestamptz, revision, recorded_at, recorded_at
       FROM ${schema}.events WHERE type = 'ComplaintFiled'`,
  );
}

function stats(lags: number[]) {
  const sorted = [...lags].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

/** 10,000 bare jobs due at the same instant, a no-op worker: when is each picked up? */
async function bareBurst(redis: PrivateRedis, connection: object) {
  const queue = new Queue('bare-burst', { connection, prefix: PREFIX });
  const dueAt = Date.now() + LEAD_MS;
  await pool(AT_ONCE, 50, (i) =>
    queue.add(
      'job',
      { i, dueAt },
      { jobId: `b${i}`, delay: dueAt - Date.now(), removeOnComplete: true },
    ),
  );
  const lags: number[] = [];
  let done: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const worker = new Worker(
    'bare-burst',
    async (job: Job) => {
      lags.push(Date.now() - job.data.dueAt);
      if (lags.length === AT_ONCE) done();
    },
    { connection, prefix: PREFIX, concurrency: 50 },
  );
  await Promise.race([finished, new Promise((r) => setTimeout(r, 120_000))]);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  void redis;
  return { ...stats(lags), jobs: lags.length };
}

export async function run() {
  const redis = await startRedis(['--hz', '100']);
  const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
  const schema = `bench_timers_${randomBytes(4).toString('hex')}`;
  const db = new PgExecutor({ connectionString: DATABASE_URL, max: 16 });
  const clock = new OffsetClock();
  const storage = new PostgresEventStorage(db, schema);
  const store = new SealingEventStore(
    storage,
    new EventSchemaRegistry().register(...Object.values(complaintEventSchemas)),
    new PersonalDataSealer(new SqlKeyVault(db, new KeyWrapper(MASTER_KEY), schema)),
    clock,
  );
  const queue = new Queue('deadlines', { connection, prefix: PREFIX });
  const scheduler = new DeadlineScheduler(queue, clock);
  try {
    // 10,000 complaints received on one day share one answer deadline; the rest fall due later.
    const t0 = performance.now();
    await generateComplaintStore({
      db,
      schema,
      masterKey: MASTER_KEY,
      complaints: PENDING,
      subjects: Math.ceil(PENDING / 4),
      lifecycle: 'filed',
      receivedAt: [
        { count: AT_ONCE, from: '2026-02-02T08:00:00Z', stepMs: 60_000, perInstant: 100 },
        {
          count: PENDING - AT_ONCE,
          from: '2026-02-10T08:00:00Z',
          stepMs: 900_000,
          perInstant: 100,
        },
      ],
    });
    await fillReadModel(db, schema);
    const setupSeconds = (performance.now() - t0) / 1000;
    clock.aim('2026-02-01T00:00:00Z', 0);

    // Baseline: bare ids-only delayed jobs, 50 in flight.
    await redis.client.flushall();
    const empty = await usedMemory(redis);
    const bare = new Queue('bare', { connection, prefix: PREFIX });
    let t = performance.now();
    await pool(PENDING, 50, (i) =>
      bare.add(
        'job',
        { stream: `complaint-${i}`, kind: COMPLAINT_ANSWER_DUE, dueAt: '2026-04-01T00:00:00Z' },
        { jobId: `bare-${i}`, delay: 30 * 86_400_000 },
      ),
    );
    const bareSeconds = (performance.now() - t) / 1000;
    const bareBytes = ((await usedMemory(redis)) - empty) / PENDING;
    await bare.close();

    // The reconciler after a flush: every open deadline from the read model, re-armed.
    await redis.client.flushall();
    const flushed = await usedMemory(redis);
    const reconciler = new DeadlineReconciler(scheduler, [openComplaintDeadlines(db, schema)]);
    t = performance.now();
    const rearmed = await reconciler.reconcile();
    const reconcileSeconds = (performance.now() - t) / 1000;
    const ourBytes = ((await usedMemory(redis)) - flushed) / rearmed;

    // 10,000 due at once, among everything pending.
    const baseline = await bareBurst(redis, connection);
    const { rows: due } = await db.query<{ id: string; due: Date }>(
      `SELECT complaint_id::text AS id, answer_due_at AS due FROM ${schema}.complaints
        WHERE answer_due_at = (SELECT min(answer_due_at) FROM ${schema}.complaints)`,
    );
    const dueAt = due[0].due.toISOString();
    const deadlines: Deadline[] = due.map((r) => ({
      stream: `complaint-${r.id}`,
      kind: COMPLAINT_ANSWER_DUE,
      dueAt,
    }));
    clock.aim(dueAt, LEAD_MS);
    await pool(deadlines.length, 50, (i) => queue.remove(deadlineJobId(deadlines[i])));
    await pool(deadlines.length, 50, (i) => scheduler.arm(deadlines[i]));
    const commands = new CommandHandler(store, clock);
    const worker = startDeadlineWorker({
      queueName: 'deadlines',
      connection,
      prefix: PREFIX,
      concurrency: 50,
      clock,
      handlers: { [COMPLAINT_ANSWER_DUE]: complaintAnswerDeadlineHandler(commands) },
    });
    const missedCount = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM ${schema}.events WHERE type = 'ComplaintAnswerDeadlineMissed'`,
          )
        ).rows[0].n,
      );
    const waitUntil = Date.now() + LEAD_MS + 180_000;
    while ((await missedCount()) < deadlines.length && Date.now() < waitUntil)
      await new Promise((resolve) => setTimeout(resolve, 250));
    await worker.close();
    const { rows: lateness } = await db.query<{ ms: number }>(
      `SELECT extract(epoch FROM recorded_at - $1::timestamptz) * 1000 AS ms FROM ${schema}.events
        WHERE type = 'ComplaintAnswerDeadlineMissed'`,
      [dueAt],
    );
    const ours = stats(lateness.map((r) => Number(r.ms)));
    const result = {
      pending: rearmed,
      storeSetupSeconds: round(setupSeconds, 1),
      reconcile: {
        deadlines: rearmed,
        seconds: round(reconcileSeconds, 1),
        perSec: round(rearmed / reconcileSeconds),
        baselineBareAddPerSec: round(PENDING / bareSeconds),
      },
      memory: { bytesPerDeadline: round(ourBytes), baselineBytesPerBareJob: round(bareBytes) },
      burst: { atOnce: deadlines.length, missedRecorded: lateness.length, ...ours, baseline },
    };
    printTable(`Timers: ${rearmed} pending deadlines on a private Redis (hz 100)`, [
      {
        figure: 'reconciler re-arm after a flush (deadlines/s)',
        ours: result.reconcile.perSec,
        baseline: result.reconcile.baselineBareAddPerSec,
        note: `${result.reconcile.seconds} s for ${rearmed}; baseline: bare queue.add, 50 in flight`,
      },
      {
        figure: 'Redis memory per pending deadline (bytes)',
        ours: result.memory.bytesPerDeadline,
        baseline: result.memory.baselineBytesPerBareJob,
        note: 'baseline: bare ids-only delayed job',
      },
      ...(['p50Ms', 'p99Ms', 'maxMs'] as const).map((k) => ({
        figure: `${deadlines.length} due at once: miss appended, ${k.replace('Ms', '')} late (ms)`,
        ours: ours[k],
        baseline: baseline[k],
        note: `baseline: no-op worker pick-up lag, ${AT_ONCE} bare jobs due at once`,
      })),
    ]);
    writeResults('timers.json', result);
    return result;
  } finally {
    await queue.close();
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.close();
    await redis.stop();
  }
}

if (require.main === module)
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
