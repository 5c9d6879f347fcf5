/**
 * The quality-indicator report (QUA-2, QUA-4) on a 100,000-ticket store: the `quality_facts` read
 * model is filled in batches of SQL with the shape the projection writes (faults, complaints and
 * activations of two operators over 2026, a tenth still open, pauses, billing complaints and
 * invoices), then the yearly and half-yearly reports, the operators' comparison and the dashboard
 * are timed on warm runs. Budget: a report in under 2 s. Loopback PostgreSQL, a fresh schema.
 */
import { PgExecutor } from '@sportello/eventstore';
import { loadPolicyCatalog, policiesDirectory } from '@sportello/policies';
import { periodOf, QualityReports } from '@sportello/quality';
import { createQualityTables } from '@sportello/quality/quality.tables';
import { DATABASE_URL } from './processes';
import { median, printTable, round, writeResults } from './support';

const TICKETS = Number(process.env.QUALITY_BENCH_TICKETS ?? 100_000);
const INVOICES = Math.round(TICKETS / 2);
const RUNS = 7;
const BUDGET_MS = 2_000;

async function seed(db: PgExecutor, schema: string): Promise<void> {
  const BATCH = 20_000;
  for (let start = 1; start <= TICKETS; start += BATCH) {
    const end = Math.min(TICKETS, start + BATCH - 1);
    // Deterministic pseudo-random figures per row from hashes of its number.
    await db.query(
      `WITH g AS (
         SELECT i,
                abs(hashtext('k' || i)) % 10 AS k,
                abs(hashtext('o' || i)) % 3 AS o,
                abs(hashtext('t' || i)) % (365 * 24 * 60) AS minute,
                60000::bigint * (30 + abs(hashtext('d' || i)) % (200 * 60)) AS took,
                CASE WHEN abs(hashtext('p' || i)) % 10 < 3
                     THEN 60000::bigint * (60 + abs(hashtext('q' || i)) % (20 * 60)) ELSE 0 END AS paused,
                abs(hashtext('s' || i)) % 10 AS s,
                abs(hashtext('b' || i)) % 10 AS b
           FROM generate_series($1::int, $2::int) AS i)
       INSERT INTO ${schema}.quality_tickets (stream, ticket_kind, operator, policy_version, customer_type,
         request_kind, opened_at, due_at, missed_due_at, status, fulfilled_at, closed_at, outcome,
         elapsed_ms, net_ms, on_time, regime, billing, invoice_number, refund_cents)
       SELECT 'ticket-' || i,
              CASE WHEN k < 5 THEN 'fault' WHEN k < 8 THEN 'complaint' ELSE 'activation' END,
              CASE WHEN o = 0 THEN 'PSA' ELSE 'FASTWEB' END,
              CASE WHEN o = 0 THEN 'PSA@cds' ELSE 'FASTWEB@cds-2017' END,
              CASE WHEN b < 7 THEN 'residential' ELSE 'business' END,
              CASE WHEN k >= 8 THEN 'activation' END,
              opened, due,
              CASE WHEN NOT closed_ok THEN due END,
              CASE WHEN s = 9 THEN 'open' ELSE 'closed' END,
              CASE WHEN s < 9 THEN fulfilled END,
              CASE WHEN s < 9 THEN fulfilled END,
              CASE WHEN s = 9 THEN NULL
                   WHEN k < 5 THEN CASE WHEN s = 8 THEN 'out_of_scope' ELSE 'repaired' END
                   WHEN k < 8 THEN CASE WHEN b < 6 THEN 'upheld' ELSE 'rejected' END END,
              CASE WHEN s < 9 THEN took END,
              CASE WHEN s < 9 THEN took - least(paused, took / 2) END,
              CASE WHEN s < 9 THEN closed_ok END,
              CASE WHEN k < 5 THEN 'STANDARD' END,
              k BETWEEN 5 AND 7 AND b < 4,
              CASE WHEN k BETWEEN 5 AND 7 AND b < 4 THEN 'INV-' || (abs(hashtext('i' || i)) % $3) END,
              CASE WHEN k BETWEEN 5 AND 7 AND b < 2 THEN 1500 END
         FROM (SELECT g.*,
                      timestamptz '2026-01-01 00:00:00+01' + make_interval(mins => minute::int) AS opened,
                      timestamptz '2026-01-01 00:00:00+01' + make_interval(mins => minute::int)
                        + interval '72 hours' AS due,
                      timestamptz '2026-01-01 00:00:00+01' + make_interval(mins => minute::int)
                        + make_interval(secs => took / 1000.0) AS fulfilled,
                      took - least(paused, took / 2) <= 72 * 3600000 AS closed_ok
                 FROM g) AS x`,
      [start, end, INVOICES],
    );
  }
  await db.query(
    `INSERT INTO ${schema}.quality_invoices (account_id, invoice_number, operator, issue_date)
     SELECT 'acct-' || (i % 5000), 'INV-' || i, CASE WHEN i % 3 = 0 THEN 'PSA' ELSE 'FASTWEB' END,
            date '2026-01-01' + (abs(hashtext('v' || i)) % 365)
       FROM generate_series(0, $1::int - 1) AS i`,
    [INVOICES],
  );
  await db.query(`ANALYZE ${schema}.quality_tickets`);
  await db.query(`ANALYZE ${schema}.quality_invoices`);
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

export async function run(): Promise<unknown> {
  const db = new PgExecutor({ connectionString: DATABASE_URL, max: 8 });
  const schema = `bench_quality_${process.pid}`;
  try {
    await createQualityTables(db, schema);
    const seedStarted = performance.now();
    await seed(db, schema);
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    const reports = new QualityReports(db, schema, loadPolicyCatalog(policiesDirectory()));
    const now = new Date('2027-01-10T10:00:00Z');
    await reports.report('FASTWEB', periodOf('2026')!, now); // warm-up
    const year = await timed(RUNS, () => reports.report('FASTWEB', periodOf('2026')!, now));
    const half = await timed(RUNS, () => reports.report('PSA', periodOf('2026-H2')!, now));
    const comparison = await timed(3, () => reports.comparison(periodOf('2026')!, now));
    const dashboard = await timed(RUNS, () => reports.dashboard(now, 14, null));
    const behind = year.last.measures.find((m) => m.id === 'REPAIR_TIME_P80_HOURS')!;
    const rows = [
      { query: 'report FASTWEB 2026', ...stats(year.ms) },
      { query: 'report PSA 2026-H2', ...stats(half.ms) },
      { query: 'comparison, 4 operators', ...stats(comparison.ms) },
      { query: 'dashboard', ...stats(dashboard.ms) },
    ];
    printTable(
      `Quality report on ${TICKETS.toLocaleString('en')} tickets (${seedSeconds} s to seed; budget ${BUDGET_MS} ms per report)`,
      rows,
    );
    const result = {
      tickets: TICKETS,
      invoices: INVOICES,
      seedSeconds,
      runs: RUNS,
      budgetMs: BUDGET_MS,
      withinBudget: Math.max(...year.ms, ...half.ms) < BUDGET_MS,
      repairP80Hours: behind.value,
      faultsBehindRepairP80: behind.tickets,
      queries: rows,
    };
    console.log(
      `quality report: median ${rows[0].medianMs} ms, max ${rows[0].maxMs} ms on ${TICKETS} tickets`,
    );
    console.log(`written to ${writeResults('quality.json', result)}`);
    return result;
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.close();
  }
}

function stats(ms: number[]) {
  return {
    medianMs: round(median(ms), 1),
    maxMs: round(Math.max(...ms), 1),
    minMs: round(Math.min(...ms), 1),
  };
}

if (require.main === module)
  run().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
