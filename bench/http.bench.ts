/**
 * Section 1: commands over HTTP. The real API and worker processes run on PostgreSQL (a fresh
 * schema) and a private Redis; autocannon files complaints and reports faults at 1, 16 and 64
 * connections. Beside each figure, in the same run and at the same concurrency, the raw append
 * rate of the store's PostgreSQL adapter (single-event appends to new streams) once the worker
 * has caught up with what the HTTP run wrote, through a pool as large as the API's (20).
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { PgExecutor, PostgresEventStorage, SealedEvent } from '@sportello/eventstore';
import { DATABASE_URL, startRedis, startSportello, token } from './processes';
import { appendTemplate, newStreamAppend, waitForWorker } from './store-support';
import { printTable, round, throughput, writeResults } from './support';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 4);
const LEVELS = (process.env.BENCH_HTTP_CONNECTIONS ?? '1,16,64').split(',').map(Number);

export function fiscalCode(i: number): string {
  const letters = 'ABCDEFGHILMNOPRSTUVZ';
  const l = (k: number) => letters[Math.floor(i / 20 ** k) % 20];
  return `${l(0)}${l(1)}${l(2)}${l(3)}${l(4)}${l(5)}80A01H501${l(0)}`;
}

export function complaintBodies(n: number): string[] {
  const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      operator: 'FASTWEB',
      customer: {
        customerType: 'residential',
        name: `Cliente Prova ${i}`,
        fiscalCode: fiscalCode(i),
        phone: `+39 333 ${1_000_000 + i}`,
      },
      channel: 'phone',
      receivedAt,
      category: 'service_quality',
      description: 'Connessione assente da due giorni, modem riavviato senza esito',
    }),
  );
}

export function faultBodies(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      operator: 'FASTWEB',
      customer: { customerType: 'residential', name: `Cliente Guasto ${i}` },
      lineId: `02${String(10_000_000 + i)}`,
      service: 'broadband',
      channel: 'phone',
      description: 'Linea muta dalle 8 di questa mattina',
    }),
  );
}

export interface HttpRow {
  command: string;
  connections: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  rawAppendsPerSec: number;
  httpOverRaw: number;
}

async function cannon(
  url: string,
  path: string,
  bearer: string,
  bodies: string[],
  connections: number,
  seconds: number,
) {
  let k = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        setupRequest: (request) => ({ ...request, body: bodies[k++ % bodies.length] }),
      },
    ],
  });
}

export async function run(): Promise<HttpRow[]> {
  const schema = `bench_http_${randomBytes(4).toString('hex')}`;
  const redis = await startRedis();
  const env = { schema, redisUrl: redis.url, redisPrefix: 'bench' };
  // BENCH_PROFILE=<dir>: the API writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE;
  const api = await startSportello('api', {
    ...env,
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  });
  const worker = await startSportello('worker', env);
  // As many connections as the API's pool: 64 writers queue on 20, as 64 HTTP connections do.
  const db = new PgExecutor({ connectionString: DATABASE_URL, max: 20 });
  // Raw appends go to a schema of their own on the same database: the worker must not fold them.
  const rawSchema = `${schema}_raw`;
  const storage = new PostgresEventStorage(db, rawSchema);
  await storage.init();
  const bearer = await token(['operator']);
  const template: SealedEvent = await appendTemplate(storage);
  const rows: HttpRow[] = [];
  try {
    const commands = [
      { command: 'file complaint', path: '/v1/complaints', bodies: complaintBodies(500) },
      { command: 'report fault', path: '/v1/faults', bodies: faultBodies(500) },
    ];
    // Warm-up: JIT, prepared statements, pools.
    for (const c of commands) await cannon(api.url, c.path, bearer, c.bodies, 8, 2);
    await waitForWorker(db, schema, 30_000);
    for (const connections of LEVELS) {
      for (const c of commands) {
        const result = await cannon(api.url, c.path, bearer, c.bodies, connections, SECONDS);
        await waitForWorker(db, schema, 30_000);
        const raw = await throughput(connections, SECONDS, newStreamAppend(storage, template));
        rows.push({
          command: c.command,
          connections,
          requestsPerSec: round(result.requests.average),
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          rawAppendsPerSec: round(raw.perSec),
          httpOverRaw: round(result.requests.average / raw.perSec, 3),
        });
      }
    }
  } finally {
    await worker.stop();
    await api.stop();
    for (const s of [schema, rawSchema])
      await db.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`).catch(() => undefined);
    await db.close();
    await redis.stop();
  }
  printTable(
    `Commands over HTTP (API + worker processes on PostgreSQL, ${SECONDS} s per run) beside raw adapter appends at the same concurrency`,
    rows as unknown as Record<string, number | string>[],
  );
  writeResults('http.json', { secondsPerRun: SECONDS, rows });
  return rows;
}

if (require.main === module)
  run().catch((error) => {
    console.error(error);
    process.exit(1);
  });
