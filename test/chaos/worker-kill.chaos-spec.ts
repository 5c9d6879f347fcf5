/**
 * Fault injection 1: the worker is killed with SIGKILL at random moments while deadlines fire,
 * projections run and notices go out, then restarted, round after round (CHAOS_ROUNDS, 20 by
 * default). Afterwards: every deadline that passed on an open ticket is recorded as missed,
 * nothing is recorded twice (misses, notices, indemnities), and every read model rebuilt from
 * the log equals the live one (an event applied twice would show as a difference).
 */
import { Pool } from 'pg';
import { call, chaosRounds, Deployment, eventually, Running } from './support/deployment';
import { PrivatePostgres, PrivateRedis } from './support/private-services';
import {
  complaintBody,
  duplicates,
  faultBody,
  now,
  readModelDifferences,
  unrecordedMisses,
} from './support/tickets';

const ROUNDS = chaosRounds(20);
jest.setTimeout(60_000 + ROUNDS * 30_000);

describe('killing the worker at random moments', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let deployment: Deployment;
  let db: Pool;
  let api: Running;
  let worker: Running;
  let operator: string;
  let supervisor: string;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    redis = await PrivateRedis.start();
    deployment = new Deployment({ databaseUrl: pg.url, redisUrl: redis.url });
    db = new Pool({ connectionString: pg.url, max: 2 });
    api = await deployment.start('api');
    worker = await deployment.start('worker');
    operator = await deployment.token(['operator']);
    supervisor = await deployment.token(['supervisor'], 'chaos-supervisor');
    admin = await deployment.token(['admin'], 'chaos-admin');
    auditor = await deployment.token(['auditor'], 'chaos-auditor');
  });

  afterAll(async () => {
    if (worker) await deployment.kill(worker);
    if (api) await deployment.stop(api);
    await db?.end();
    await redis?.destroy();
    await pg?.destroy();
    deployment?.dispose();
  });

  const post = async (path: string, body: unknown, token = operator) => {
    const response = await call(api.url, 'POST', path, { token, body });
    if (response.status >= 500) throw new Error(`${path} answered ${response.status}`);
    return response;
  };

  it(`loses no deadline, repeats nothing and keeps the read models exact over ${ROUNDS} kills`, async () => {
    const complaints: string[] = [];
    const faults: string[] = [];
    const answered = new Set<string>();
    const running = new Map<string, string>(); // fault → running pause
    const closed = new Set<string>();
    const random = (n: number) => Math.floor(Math.random() * n);

    for (let round = 0; round < ROUNDS; round++) {
      const at = await now(api.url, admin);
      const filed = await Promise.all([
        ...Array.from({ length: 3 }, () => post('/v1/complaints', complaintBody(at))),
        ...Array.from({ length: 3 }, () => post('/v1/faults', faultBody())),
      ]);
      expect(filed.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      for (const response of filed.slice(0, 3))
        complaints.push(response.body.complaintId as string);
      for (const response of filed.slice(3)) faults.push(response.body.faultId as string);

      // Answer a complaint well before its deadline: its timer must be cancelled, not fire.
      const toAnswer = complaints[random(complaints.length)];
      if (!answered.has(toAnswer)) {
        const answer = await post(`/v1/complaints/${toAnswer}/answer`, {
          outcome: 'upheld',
          answeredAt: at,
          measures: ['Linea ripristinata'],
        });
        if (answer.status === 200) answered.add(toAnswer);
      }
      // Pause one fault's repair clock and resume another's: the deadline moves, the faults
      // read model counts pauses (an event applied twice would count two).
      const open = faults.filter((id) => !closed.has(id));
      const toPause = open[random(open.length)];
      if (!running.has(toPause)) {
        const pause = await post(`/v1/faults/${toPause}/pauses`, {
          kind: 'WAITING_ON_CUSTOMER',
          reason: 'Cliente non disponibile',
          from: at,
        });
        if (pause.status === 200) running.set(toPause, pause.body.pauseId as string);
      }
      const [toResume, pauseId] = [...running.entries()][random(running.size)] ?? [];
      if (toResume && toResume !== toPause) {
        await post(`/v1/faults/${toResume}/pauses/${pauseId}/resumption`, { resumedAt: at });
        running.delete(toResume);
      }
      // Restore and close one fault: the indemnity is assessed once.
      const toClose = open.find((id) => !running.has(id) && id !== toPause);
      if (toClose) {
        await post(`/v1/faults/${toClose}/restoration`, { restoredAt: at });
        const closure = await post(`/v1/faults/${toClose}/closure`, { outcome: 'repaired' });
        if (closure.status === 200) closed.add(toClose);
      }

      // Three days later: the faults of earlier rounds fall due while the worker is killed.
      await call(api.url, 'POST', '/test-clock', { token: admin, body: { advance: { days: 3 } } });
      await new Promise((resolve) => setTimeout(resolve, random(1_500)));
      await deployment.kill(worker);
      worker = await deployment.start('worker');
    }

    // Past every answer deadline at once, with one more kill in the middle of the burst.
    await call(api.url, 'POST', '/test-clock', { token: admin, body: { advance: { days: 60 } } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await deployment.kill(worker);
    worker = await deployment.start('worker');

    const clockNow = await now(api.url, admin);
    let missing: string[] = [];
    await eventually(
      async () => {
        missing = await unrecordedMisses(api.url, supervisor, clockNow, complaints, faults);
        return missing.length === 0;
      },
      'every passed deadline to be recorded',
      120_000,
      1_000,
    ).catch((error) => {
      throw new Error(`${(error as Error).message}; still unrecorded: ${missing.join(', ')}`);
    });
    expect(missing).toEqual([]);

    // Let the worker finish what it was doing, then compare.
    await eventually(
      async () => (await readModelDifferences(api.url, auditor)).differenceCount === 0,
      'the read models to equal their rebuild',
      60_000,
      2_000,
    ).catch(async (error) => {
      const report = await readModelDifferences(api.url, auditor);
      throw new Error(`${(error as Error).message}: ${JSON.stringify(report).slice(0, 3_000)}`);
    });
    expect(await duplicates(db, deployment.schema)).toEqual([]);

    const { rows } = await db.query<{ type: string; n: string }>(
      `SELECT type, count(*) AS n FROM ${deployment.schema}.events
        WHERE type IN ('ComplaintAnswerDeadlineMissed', 'RepairDeadlineMissed', 'CustomerNotified', 'IndemnityAssessed')
        GROUP BY type`,
    );
    const counts = Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    // The scenario did exercise what it checks.
    expect(counts.ComplaintAnswerDeadlineMissed).toBeGreaterThan(0);
    expect(counts.RepairDeadlineMissed).toBeGreaterThan(0);
    expect(counts.IndemnityAssessed).toBeGreaterThan(0);
  });
});
