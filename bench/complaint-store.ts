/**
 * Builds large complaint stores for the benchmarks quickly, without faking anything a reader
 * checks: every event is decided by the real complaint decider, sealed and hashed by the real
 * `SealingEventStore` (a capturing adapter takes what it would store), its hash chain linked as
 * `append_events` links it, and the rows inserted 5,000 at a time with one `INSERT … SELECT
 * FROM unnest(…)`. Subject keys are wrapped under the master key and inserted the same way, so
 * the stores open, verify and export like any other. Deciding and sealing run on worker threads.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { v7 as uuidv7 } from 'uuid';
import { KeyWrapper, PostgresEventStorage, SqlExecutor, SqlKeyVault } from '@sportello/eventstore';
import { ComplaintSpec, Lifecycle, RowBatch } from './complaint-store.rows';

export type { ComplaintSpec, Lifecycle } from './complaint-store.rows';

export interface StoreSpec extends ComplaintSpec {
  db: SqlExecutor;
  schema: string;
  masterKey: Buffer;
  subjects: number;
  threads?: number;
}

export interface GeneratedComplaint {
  id: string;
  subjectId: string;
  lifecycle: Lifecycle;
}

export interface GeneratedStore {
  events: number;
  complaints: GeneratedComplaint[];
  subjects: string[];
}

const KEY_ROWS = 5_000;
const WORKER = join(__dirname, 'complaint-store.worker.ts');

async function insertRows(db: SqlExecutor, schema: string, b: RowBatch): Promise<void> {
  await db.query(
    `INSERT INTO ${schema}.events (id, stream, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
     SELECT u.id, u.stream, u.revision, u.type, u.v, u.d::json, u.m::json, u.r, decode(u.p, 'hex'), decode(u.h, 'hex')
       FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::int[], $6::text[], $7::text[],
                   $8::timestamptz[], $9::text[], $10::text[]) WITH ORDINALITY AS u(id, stream, revision, type, v, d, m, r, p, h, n)
      ORDER BY u.n`,
    [
      b.ids,
      b.streams,
      b.revisions,
      b.types,
      b.versions,
      b.data,
      b.metadata,
      b.recordedAt,
      b.prev,
      b.hash,
    ],
  );
}

async function insertKeys(
  db: SqlExecutor,
  schema: string,
  wrapper: KeyWrapper,
  subjects: string[],
): Promise<[string, Uint8Array][]> {
  const keys: [string, Uint8Array][] = [];
  for (let start = 0; start < subjects.length; start += KEY_ROWS) {
    const chunk = subjects.slice(start, start + KEY_ROWS);
    const wrapped = chunk.map((s) => {
      const key = randomBytes(32);
      keys.push([s, new Uint8Array(key)]);
      return wrapper.wrap(s, key);
    });
    await db.query(
      `INSERT INTO ${schema}.subject_keys (subject_id, wrapped_key) SELECT * FROM unnest($1::text[], $2::bytea[])`,
      [chunk, wrapped],
    );
  }
  return keys;
}

function runWorker(
  spec: ComplaintSpec,
  range: [number, number],
  subjects: string[],
  keys: [string, Uint8Array][],
  onBatch: (batch: RowBatch) => Promise<void>,
): Promise<GeneratedComplaint[]> {
  const worker = new Worker(`require('@swc-node/register'); require(${JSON.stringify(WORKER)});`, {
    eval: true,
    workerData: { spec, range, subjects, keys },
  });
  return new Promise((resolve, reject) => {
    let inserting = Promise.resolve();
    worker.on('message', (message: { batch?: RowBatch; done?: GeneratedComplaint[] }) => {
      if (message.batch) {
        const batch = message.batch;
        // The worker waits for this acknowledgement: one batch inserting, one being made.
        inserting = inserting
          .then(() => onBatch(batch))
          .then(() => worker.postMessage('ack'), reject);
      } else if (message.done) {
        const complaints = message.done;
        void inserting.then(() => resolve(complaints));
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`store generator thread exited with ${code}`));
    });
  });
}

/** Fills `schema` (created if needed) with the complaints the spec describes. */
export async function generateComplaintStore(
  spec: StoreSpec,
  onProgress?: (events: number) => void,
): Promise<GeneratedStore> {
  const { db, schema } = spec;
  await new PostgresEventStorage(db, schema).init();
  const wrapper = new KeyWrapper(spec.masterKey);
  await new SqlKeyVault(db, wrapper, schema).init();
  const subjects = Array.from({ length: spec.subjects }, () => uuidv7());
  const keys = await insertKeys(db, schema, wrapper, subjects);

  const plain: ComplaintSpec = {
    complaints: spec.complaints,
    lifecycle: spec.lifecycle,
    receivedAt: spec.receivedAt,
  };
  const threads = Math.max(1, Math.min(spec.threads ?? 2, Math.ceil(spec.complaints / 1_000)));
  const per = Math.ceil(spec.complaints / threads);
  let events = 0;
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) =>
      runWorker(
        plain,
        [t * per, Math.min((t + 1) * per, spec.complaints)],
        subjects,
        keys,
        async (batch) => {
          await insertRows(db, schema, batch);
          events += batch.ids.length;
          onProgress?.(events);
        },
      ),
    ),
  );
  return { events, complaints: parts.flat(), subjects };
}

/** Every `every`-th event's checkpoint in global order, to bound a fold by event count. */
export async function checkpointsEvery(
  db: SqlExecutor,
  schema: string,
  every: number,
): Promise<string[]> {
  const { rows } = await db.query<{ cp: string }>(
    `SELECT cp FROM (SELECT transaction_id::text || ':' || position::text AS cp,
                            row_number() OVER (ORDER BY transaction_id, position) AS n
                       FROM ${schema}.events) numbered
      WHERE n % $1 = 0 ORDER BY n`,
    [every],
  );
  return rows.map((r) => r.cp);
}
