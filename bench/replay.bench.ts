/**
 * Sections 4 and 5, and the issue-8 figures, over complaint stores of 10k, 100k and 1M events
 * (ten events per complaint, four complaints per data subject; see complaint-store.ts). At
 * each size, in one run:
 * - sequential read of the whole log through the adapter (pages of 1,000): the baseline;
 * - projection rebuild (`complaints_list`, batches of REBUILD_BATCH_SIZE events per transaction,
 *   the same fold as the runner's rebuild and the auditors' rebuild-and-compare, personal fields
 *   left sealed as the read model keeps none) into fresh tables, time-bounded by
 *   BENCH_REBUILD_SECONDS (the events covered are reported);
 * - full-store chain verification (`verifyAll`);
 * - one subject's export (`createSubjectExporter`), beside reading that subject's streams raw;
 * - command latency over HTTP at 16 connections against the API process on that store: filing a
 *   complaint, and adding a note to an existing open complaint (read, fold, decide, append).
 * The `subject_streams` index the exporter reads is filled with one INSERT … SELECT over the
 * events' `subjectIds` (what its projection writes), its checkpoint set to the head.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { SystemClock } from '@sportello/clock';
import {
  createShadowTables,
  EventSchemaRegistry,
  KeyWrapper,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  SealingEventStore,
  SqlExecutor,
  SqlKeyVault,
  verifyAll,
} from '@sportello/eventstore';
import { complaintEventSchemas, complaintsListProjection } from '@sportello/complaints';
import {
  createPrivacyTables,
  createSubjectExporter,
  loadPrivacyPolicy,
  privacyPoliciesDirectory,
  SUBJECT_STREAMS_PROJECTION,
} from '@sportello/privacy';
import { checkpointsEvery, generateComplaintStore, GeneratedStore } from './complaint-store';
import { complaintBodies } from './http.bench';
import {
  DATABASE_URL,
  MASTER_KEY,
  PrivateRedis,
  startRedis,
  startSportello,
  token,
} from './processes';
import { median, printTable, round, writeResults } from './support';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const REBUILD_SECONDS = Number(process.env.BENCH_REBUILD_SECONDS ?? 15);
const HTTP_SECONDS = Number(process.env.BENCH_SCALE_HTTP_SECONDS ?? 3);
const CHUNK = 10_000;

export interface ScaleRow {
  events: number;
  generateSeconds: number;
  readPerSec: number;
  rebuildPerSec: number;
  rebuiltEvents: number;
  rebuildOverRead: number;
  verifyPerSec: number;
  verifyOk: boolean;
  verifyOverRead: number;
  exportMs: number;
  exportBaselineMs: number;
  fileP50Ms: number;
  fileP99Ms: number;
  filePerSec: number;
  noteP50Ms: number;
  noteP99Ms: number;
  notePerSec: number;
}

async function sequentialRead(storage: PostgresEventStorage, expected: number) {
  const t = performance.now();
  let n = 0;
  let last: string | null = null;
  for (let checkpoint: string | null = null; ;) {
    const page = await storage.readAll(checkpoint, 1_000);
    for (const event of page.events) {
      if (last !== null && storage.compareCheckpoints(event.position, last) <= 0)
        throw new Error('The log read went backwards');
      last = event.position;
    }
    n += page.events.length;
    if (page.events.length < 1_000) break;
    checkpoint = page.checkpoint;
  }
  if (n !== expected) throw new Error(`Read ${n} events of ${expected}`);
  return n / ((performance.now() - t) / 1000);
}

async function boundedRebuild(db: SqlExecutor, store: SealingEventStore, schema: string) {
  const chunks = await checkpointsEvery(db, schema, CHUNK);
  let read = 0;
  const shadow = await createShadowTables(db, store, complaintsListProjection, {
    schema,
    onProgress: (n) => (read = n),
  });
  try {
    const t = performance.now();
    for (const until of [...chunks, null]) {
      await shadow.applyUpTo(until);
      if ((performance.now() - t) / 1000 > REBUILD_SECONDS) break;
    }
    const seconds = (performance.now() - t) / 1000;
    return { perSec: read / seconds, events: read };
  } finally {
    await shadow.drop();
  }
}

async function exportFigures(
  db: SqlExecutor,
  store: SealingEventStore,
  schema: string,
  generated: GeneratedStore,
) {
  const policy = loadPrivacyPolicy(privacyPoliciesDirectory());
  await createPrivacyTables(db, schema, policy);
  await db.query(
    `INSERT INTO ${schema}.subject_streams (subject_id, stream, is_ticket, linked_at)
     SELECT DISTINCT ON (s, stream) s, stream, true, recorded_at
       FROM ${schema}.events, json_array_elements_text(metadata->'subjectIds') AS s
      ORDER BY s, stream, revision
     ON CONFLICT DO NOTHING`,
  );
  const head = await store.storage.headCheckpoint();
  await db.query(
    `INSERT INTO ${schema}.projection_checkpoints (name, checkpoint) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint`,
    [SUBJECT_STREAMS_PROJECTION, head],
  );
  const exporter = createSubjectExporter({
    db,
    schema,
    store,
    indexKey: randomBytes(32),
    policy,
  });
  const ours: number[] = [];
  const raw: number[] = [];
  for (let k = 0; k < 5; k++) {
    const subject = generated.subjects[(k * 7_919) % generated.subjects.length];
    const streams = generated.complaints
      .filter((c) => c.subjectId === subject)
      .map((c) => `complaint-${c.id}`);
    let t = performance.now();
    const document = await exporter.export(subject, { audience: 'auditor' });
    ours.push(performance.now() - t);
    if (document.streams.length !== streams.length)
      throw new Error(`Exported ${document.streams.length} streams of ${streams.length}`);
    t = performance.now();
    for (const stream of streams)
      await store.storage.readStream(stream, { direction: 'forwards', maxCount: 10_000 });
    raw.push(performance.now() - t);
  }
  return { exportMs: round(median(ours), 1), exportBaselineMs: round(median(raw), 1) };
}

async function commandLatency(redis: PrivateRedis, schema: string, generated: GeneratedStore) {
  const api = await startSportello('api', { schema, redisUrl: redis.url, redisPrefix: schema });
  try {
    const bearer = await token(['operator']);
    const open = generated.complaints.filter((c) => c.lifecycle === 'open').map((c) => c.id);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${bearer}` };
    const filings = complaintBodies(500);
    let k = 0;
    let n = 0;
    const run = (request: autocannon.Request) =>
      autocannon({ url: api.url, connections: 16, duration: HTTP_SECONDS, requests: [request] });
    const fileRequest: autocannon.Request = {
      method: 'POST',
      path: '/v1/complaints',
      headers,
      setupRequest: (r) => ({ ...r, body: filings[k++ % filings.length] }),
    };
    const noteRequest: autocannon.Request = {
      method: 'POST',
      headers,
      setupRequest: (r) => ({
        ...r,
        path: `/v1/complaints/${open[(n++ * 7_919) % open.length]}/notes`,
        body: JSON.stringify({ text: 'Cliente richiamato, in attesa del tecnico' }),
      }),
    };
    await autocannon({ url: api.url, connections: 4, duration: 1, requests: [fileRequest] });
    const file = await run(fileRequest);
    const note = await run(noteRequest);
    if (file.non2xx || note.non2xx)
      throw new Error(`Refused commands: ${file.non2xx} filings, ${note.non2xx} notes`);
    return {
      fileP50Ms: file.latency.p50,
      fileP99Ms: file.latency.p99,
      filePerSec: round(file.requests.average),
      noteP50Ms: note.latency.p50,
      noteP99Ms: note.latency.p99,
      notePerSec: round(note.requests.average),
    };
  } finally {
    await api.stop();
  }
}

async function atSize(events: number, redis: PrivateRedis): Promise<ScaleRow> {
  const schema = `bench_scale_${randomBytes(4).toString('hex')}`;
  const db = new PgExecutor({ connectionString: DATABASE_URL, max: 8 });
  const storage = new PostgresEventStorage(db, schema);
  const store = new SealingEventStore(
    storage,
    new EventSchemaRegistry().register(...Object.values(complaintEventSchemas)),
    new PersonalDataSealer(new SqlKeyVault(db, new KeyWrapper(MASTER_KEY), schema)),
    new SystemClock(),
  );
  try {
    const complaints = Math.ceil(events / 10);
    let t = performance.now();
    const generated = await generateComplaintStore({
      db,
      schema,
      masterKey: MASTER_KEY,
      complaints,
      subjects: Math.max(1, Math.ceil(complaints / 4)),
      lifecycle: 'mixed',
      receivedAt: [
        { count: complaints, from: '2025-01-02T08:00:00Z', stepMs: 20 * 60_000, perInstant: 20 },
      ],
    });
    const generateSeconds = round((performance.now() - t) / 1000, 1);
    await db.exec(`VACUUM ANALYZE ${schema}.events`);
    const readPerSec = await sequentialRead(storage, generated.events);
    const rebuild = await boundedRebuild(db, store, schema);
    t = performance.now();
    const verified = await verifyAll(storage);
    const verifyPerSec = verified.eventsChecked / ((performance.now() - t) / 1000);
    const exported = await exportFigures(db, store, schema, generated);
    const latency = await commandLatency(redis, schema, generated);
    return {
      events: generated.events,
      generateSeconds,
      readPerSec: round(readPerSec),
      rebuildPerSec: round(rebuild.perSec),
      rebuiltEvents: rebuild.events,
      rebuildOverRead: round(rebuild.perSec / readPerSec, 3),
      verifyPerSec: round(verifyPerSec),
      verifyOk: verified.ok && verified.eventsChecked === generated.events,
      verifyOverRead: round(verifyPerSec / readPerSec, 3),
      ...exported,
      ...latency,
    };
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.close();
  }
}

export async function run(): Promise<ScaleRow[]> {
  const redis = await startRedis();
  const rows: ScaleRow[] = [];
  try {
    for (const size of SIZES) rows.push(await atSize(size, redis));
  } finally {
    await redis.stop();
  }
  const pick = (keys: (keyof ScaleRow)[]) =>
    rows.map((r) =>
      Object.fromEntries(keys.map((k) => [k, typeof r[k] === 'boolean' ? String(r[k]) : r[k]])),
    ) as Record<string, string | number>[];
  printTable(
    `Replay: projection rebuild beside a sequential read of the same store (rebuild bounded to ${REBUILD_SECONDS} s)`,
    pick(['events', 'readPerSec', 'rebuildPerSec', 'rebuiltEvents', 'rebuildOverRead']),
  );
  printTable(
    `Scale: command latency over HTTP (16 connections, ${HTTP_SECONDS} s) and rebuild speed as the store grows`,
    pick([
      'events',
      'fileP50Ms',
      'fileP99Ms',
      'filePerSec',
      'noteP50Ms',
      'noteP99Ms',
      'notePerSec',
      'rebuildPerSec',
    ]),
  );
  printTable(
    'Audit and privacy: full-store verification beside the sequential read; one subject exported beside reading its streams',
    pick(['events', 'verifyPerSec', 'verifyOk', 'verifyOverRead', 'exportMs', 'exportBaselineMs']),
  );
  writeResults('replay.json', {
    rebuildSecondsBound: REBUILD_SECONDS,
    httpSeconds: HTTP_SECONDS,
    rows,
  });
  return rows;
}

if (require.main === module)
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
