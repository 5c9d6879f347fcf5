/**
 * Section 2: against the peer. The same workload — single-event appends to new streams with a
 * "stream must not exist" check, the same JSON payload — on our PostgreSQL adapter and on
 * `@event-driven-io/emmett-postgresql`, in one throwaway database of the same server, in
 * alternating rounds so both see the same noise. Our whole store (sealing three personal
 * fields and hashing above the adapter) is measured beside them.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { SystemClock } from '@sportello/clock';
import {
  EventSchemaRegistry,
  InMemoryKeyVault,
  PersonalDataSealer,
  PgExecutor,
  PostgresEventStorage,
  SealingEventStore,
} from '@sportello/eventstore';
import { complaintEventSchemas } from '@sportello/complaints';
import { DATABASE_URL } from './processes';
import { appendTemplate, filing, newStreamAppend } from './store-support';
import { median, percentile, printTable, round, throughput, writeResults } from './support';

const ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_PEER_SECONDS ?? 2);
const WRITERS = [1, 8];

export interface PeerRow {
  writers: number;
  oursPerSec: number;
  emmettPerSec: number;
  oursOverEmmett: number;
  ourStorePerSec: number;
  oursP99Ms: number;
  emmettP99Ms: number;
}

function databaseUrl(name: string): string {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function run(): Promise<PeerRow[]> {
  const name = `bench_peer_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const db = new PgExecutor({ connectionString: url, max: 8 });
  const emmettPool = new Pool({ connectionString: url, max: 8 });
  // An idle connection dropped by the server (the database dropped at the end) must not crash.
  emmettPool.on('error', () => undefined);
  admin.on('error', () => undefined);
  const emmett = getPostgreSQLEventStore(url, {
    connectionOptions: { pooled: true, pool: emmettPool },
  });
  const rows: PeerRow[] = [];
  try {
    const storage = new PostgresEventStorage(db, 'sportello');
    await storage.init();
    const template = await appendTemplate(storage);
    const store = new SealingEventStore(
      storage,
      new EventSchemaRegistry().register(...Object.values(complaintEventSchemas)),
      new PersonalDataSealer(new InMemoryKeyVault()),
      new SystemClock(),
    );
    // The peer stores the same document the adapter stores (personal fields already sealed).
    const payload = template.data as Record<string, unknown>;
    await emmett.appendToStream(`warmup-${uuidv7()}`, [{ type: 'ComplaintFiled', data: payload }]);
    const subject = uuidv7();
    let peerRun = 0;

    for (const writers of WRITERS) {
      const ours: number[] = [];
      const theirs: number[] = [];
      const whole: number[] = [];
      let oursP99 = 0;
      let theirsP99 = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const a = await throughput(writers, SECONDS, newStreamAppend(storage, template));
        const r = ++peerRun;
        const b = await throughput(writers, SECONDS, async (w, i) => {
          await emmett.appendToStream(
            `bench-${r}-${w}-${i}`,
            [{ type: 'ComplaintFiled', data: payload }],
            { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
          );
        });
        const c = await throughput(writers, SECONDS, async () => {
          const complaintId = uuidv7();
          await store.append(
            `complaint-${complaintId}`,
            [filing(complaintId, subject)],
            'no_stream',
          );
        });
        ours.push(a.perSec);
        theirs.push(b.perSec);
        whole.push(c.perSec);
        const p99 = (l: number[]) =>
          percentile(
            l.sort((x, y) => x - y),
            99,
          );
        oursP99 = Math.max(oursP99, p99(a.latencies));
        theirsP99 = Math.max(theirsP99, p99(b.latencies));
      }
      rows.push({
        writers,
        oursPerSec: round(median(ours)),
        emmettPerSec: round(median(theirs)),
        oursOverEmmett: round(median(ours) / median(theirs), 2),
        ourStorePerSec: round(median(whole)),
        oursP99Ms: round(oursP99, 2),
        emmettP99Ms: round(theirsP99, 2),
      });
    }
  } finally {
    await emmett.close().catch(() => undefined);
    await emmettPool.end().catch(() => undefined);
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  printTable(
    `Single-event appends to new streams, ours vs Emmett 0.42 on the same database (medians of ${ROUNDS} alternating rounds of ${SECONDS} s)`,
    rows as unknown as Record<string, number>[],
  );
  writeResults('peer.json', { rounds: ROUNDS, secondsPerRound: SECONDS, rows });
  return rows;
}

if (require.main === module)
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
