/**
 * `npm run bench:store`: appends per second of the event store on PostgreSQL and PGlite, with 1
 * and 8 concurrent writers (single-event appends to new streams, expected revision `no_stream`),
 * each measured beside the raw single-row INSERT…COMMIT rate of the same database in the same
 * run, in alternating rounds so both see the same noise.
 */
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { SystemClock } from '@sportello/clock';
import {
  EventSchemaRegistry,
  KeyWrapper,
  PersonalDataSealer,
  PgExecutor,
  PGliteExecutor,
  PostgresEventStorage,
  SealedEvent,
  SealingEventStore,
  SqlExecutor,
  SqlKeyVault,
} from '@sportello/eventstore';
import { median, percentile, printTable, round, throughput, writeResults } from './support';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const SUBJECTS = 64;

const registry = new EventSchemaRegistry().register({
  type: 'ComplaintFiled',
  version: 1,
  personal: [
    { subject: 'customer.subjectId', fields: ['customer.name', 'customer.phone', 'description'] },
  ],
});

const subjects = Array.from({ length: SUBJECTS }, () => uuidv7());

function complaint(i: number) {
  return {
    type: 'ComplaintFiled',
    data: {
      complaintId: uuidv7(),
      trackingCode: `RC-2026-${String(i).padStart(8, '0')}`,
      operator: 'PSA',
      channel: 'email',
      category: 'billing',
      receivedAt: '2026-05-19T08:00:00.000Z',
      answerDueAt: '2026-07-03T21:59:59.999Z',
      customer: {
        subjectId: subjects[i % SUBJECTS],
        customerType: 'business',
        name: 'Rossi Impianti srl',
        phone: '+39 011 1234567',
      },
      description: 'Canone addebitato due volte nella fattura di maggio',
    },
    metadata: {
      occurredAt: '2026-05-19T08:00:00.000Z',
      actor: { id: 'op-bench', role: 'operator' },
      correlationId: uuidv7(),
    },
  };
}

/** Captures what the store hands its adapter for one event, without storing it. */
async function sealedTemplate(store: SealingEventStore): Promise<SealedEvent> {
  const captured: SealedEvent[] = [];
  const capturing = Object.create(store.storage) as typeof store.storage;
  capturing.appendSealed = async (_stream, events) => {
    captured.push(...events);
    return { status: 'wrong_expected_revision', actualRevision: null };
  };
  const sealer = new SealingEventStore(
    capturing,
    store.registry,
    (store as unknown as { sealer: PersonalDataSealer }).sealer,
    new SystemClock(),
  );
  await sealer.append('bench-template', [complaint(0)], 'any').catch(() => undefined);
  return captured[0];
}

interface Backend {
  name: 'postgres' | 'pglite';
  open(): Promise<SqlExecutor>;
}

const backends: Backend[] = [
  {
    name: 'postgres',
    open: async () => new PgExecutor({ connectionString: DATABASE_URL, max: 8 }),
  },
  { name: 'pglite', open: () => PGliteExecutor.open() },
];

async function measure(backend: Backend) {
  const db = await backend.open();
  const schema = `bench_store_${randomBytes(4).toString('hex')}`;
  const storage = new PostgresEventStorage(db, schema);
  await storage.init();
  const vault = new SqlKeyVault(db, new KeyWrapper(randomBytes(32)), schema, 3_600_000);
  await vault.init();
  for (const subject of subjects) await vault.keyFor(subject);
  const store = new SealingEventStore(
    storage,
    registry,
    new PersonalDataSealer(vault),
    new SystemClock(),
  );
  await db.exec(
    `CREATE TABLE ${schema}.raw_inserts (id bigserial PRIMARY KEY, stream text NOT NULL, data jsonb NOT NULL)`,
  );
  const rawPayload = JSON.stringify(complaint(0).data);

  // The adapter alone: one event sealed and hashed once, appended under fresh ids and streams, so
  // the figure is the SQL path's cost without the per-event sealing CPU the store adds above it.
  const template = await sealedTemplate(store);
  const layers = {
    store: (stream: string, i: number) =>
      store.append(stream, [complaint(i)], 'no_stream').then(() => undefined),
    adapter: (stream: string) =>
      storage
        .appendSealed(stream, [{ ...template, id: uuidv7(), stream }], 'no_stream')
        .then(() => undefined),
  };

  const results = [];
  try {
    for (const writers of [1, 8]) {
      const rates: Record<keyof typeof layers | 'raw', number[]> = {
        store: [],
        adapter: [],
        raw: [],
      };
      let p99 = 0;
      for (let r = 0; r < ROUNDS; r++) {
        const run = `${writers}-${r}`;
        for (const [layer, append] of Object.entries(layers) as [
          keyof typeof layers,
          (s: string, i: number) => Promise<void>,
        ][]) {
          const measured = await throughput(writers, SECONDS, (w, i) =>
            append(`bench-${layer}-${run}-${w}-${i}`, i),
          );
          rates[layer].push(measured.perSec);
          if (layer === 'store')
            p99 = Math.max(
              p99,
              percentile(
                measured.latencies.sort((a, b) => a - b),
                99,
              ),
            );
        }
        const raw = await throughput(writers, SECONDS, (w, i) =>
          db
            .query(`INSERT INTO ${schema}.raw_inserts (stream, data) VALUES ($1, $2)`, [
              `raw-${run}-${w}-${i}`,
              rawPayload,
            ])
            .then(() => undefined),
        );
        rates.raw.push(raw.perSec);
      }
      const baselinePerSec = round(median(rates.raw));
      const appendsPerSec = round(median(rates.adapter));
      const storeAppendsPerSec = round(median(rates.store));
      results.push({
        backend: backend.name,
        writers,
        appendsPerSec,
        baselinePerSec,
        ratio: round(appendsPerSec / baselinePerSec, 3),
        storeAppendsPerSec,
        storeRatio: round(storeAppendsPerSec / baselinePerSec, 3),
        storeP99Ms: round(p99, 2),
        rounds: ROUNDS,
        secondsPerRound: SECONDS,
      });
    }
  } finally {
    await db.exec(`DROP SCHEMA ${schema} CASCADE`);
    await db.close();
  }
  return results;
}

async function main(): Promise<void> {
  const all = [];
  for (const backend of backends) all.push(...(await measure(backend)));
  printTable(
    'Appends per second beside raw single-row INSERT…COMMIT (medians): adapter alone, and the whole store with sealing',
    all,
  );
  const pg8 = all.find((r) => r.backend === 'postgres' && r.writers === 8);
  if (pg8) {
    console.log(
      `PostgreSQL adapter, 8 writers: ${(pg8.ratio * 100).toFixed(0)}% of the raw insert rate (target ≥ 70%)`,
    );
    console.log(
      `Whole store (3 personal fields sealed per event), 8 writers: ${(pg8.storeRatio * 100).toFixed(0)}%`,
    );
  }
  console.log(`written to ${writeResults('store.json', all)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
