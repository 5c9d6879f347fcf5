import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { PolicyCatalog, QUALITY_INDICATORS, QualityIndicatorName } from '@sportello/policies';
import { addDays, endOfRomeDay, romeDateOf, startOfRomeDay } from '@sportello/sla';
import { stringify } from 'csv-stringify/sync';
import {
  compareWithTargets,
  Measure,
  measure,
  NOT_MEASURED,
  percent,
  round2,
  TargetComparison,
} from '../domain/quality-indicators';
import { QualityPeriod } from '../domain/quality-period';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface QualityReport {
  operator: string;
  period: QualityPeriod;
  /** The version in force at the end of the period, whose targets are compared (CAL-9). */
  policyVersion: string | null;
  generatedAt: string;
  measures: Measure[];
  targets: TargetComparison[];
  notMeasured: { indicator: QualityIndicatorName; reason: string }[];
  basis: string;
}

export const DEADLINE_BUCKETS = [
  'overdue',
  'due_24h',
  'due_3d',
  'due_7d',
  'later',
  'no_deadline',
] as const;
type Kind = 'complaint' | 'fault' | 'activation';

export interface QualityDashboard {
  asOf: string;
  operator: string | null;
  openByDeadline: ({ bucket: (typeof DEADLINE_BUCKETS)[number]; total: number } & Record<
    Kind,
    number
  >)[];
  breachesPerDay: ({ date: string; total: number } & Record<Kind, number>)[];
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const hours = (ms: unknown) => (num(ms) === null ? null : round2((num(ms) as number) / HOUR));
const days = (ms: unknown) => (num(ms) === null ? null : round2((num(ms) as number) / DAY));

/**
 * QUA-1…QUA-4, EXT-QUA-1: the quality indicators of an operator over a period, computed in SQL
 * from the facts projected from the log (nearest-rank percentiles with `percentile_disc`), each
 * with the count behind it, and compared with the targets its policy declares.
 */
export class QualityReports {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
    private readonly catalog: PolicyCatalog,
  ) {
    assertSchemaName(schema);
  }

  async report(operator: string, period: QualityPeriod, now: Date): Promise<QualityReport> {
    const S = this.schema;
    const from = new Date(startOfRomeDay(period.from)).toISOString();
    const to = new Date(endOfRomeDay(period.to)).toISOString();
    const args = [operator, from, to];
    const [repair, activation, complaints, disputed, issued] = await Promise.all([
      this.one(
        `SELECT count(*)::int AS n,
           percentile_disc(0.80) WITHIN GROUP (ORDER BY net_ms) AS p80_net,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY net_ms) AS p95_net,
           percentile_disc(0.80) WITHIN GROUP (ORDER BY elapsed_ms) AS p80_raw,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY elapsed_ms) AS p95_raw,
           count(*) FILTER (WHERE on_time IS NOT NULL)::int AS with_term,
           count(*) FILTER (WHERE on_time)::int AS within
         FROM ${S}.quality_tickets
        WHERE ticket_kind = 'fault' AND operator = $1 AND status = 'closed' AND outcome = 'repaired'
          AND closed_at >= $2 AND closed_at <= $3`,
        args,
      ),
      this.one(
        `SELECT count(*)::int AS n,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY net_ms) AS p95,
           percentile_disc(0.99) WITHIN GROUP (ORDER BY net_ms) AS p99,
           count(*) FILTER (WHERE on_time)::int AS by_date
         FROM ${S}.quality_tickets
        WHERE ticket_kind = 'activation' AND request_kind = 'activation' AND operator = $1
          AND status = 'closed' AND fulfilled_at >= $2 AND fulfilled_at <= $3`,
        args,
      ),
      this.one(
        `SELECT count(*)::int AS n,
           percentile_disc(0.50) WITHIN GROUP (ORDER BY elapsed_ms) AS p50,
           percentile_disc(0.95) WITHIN GROUP (ORDER BY elapsed_ms) AS p95,
           count(*) FILTER (WHERE on_time)::int AS within,
           count(*) FILTER (WHERE billing)::int AS billing,
           count(*) FILTER (WHERE billing AND outcome = 'upheld' AND refund_cents > 0)::int AS refunded,
           count(DISTINCT invoice_number) FILTER (WHERE billing AND outcome = 'upheld' AND refund_cents > 0)::int
             AS refunded_invoices
         FROM ${S}.quality_tickets
        WHERE ticket_kind = 'complaint' AND operator = $1 AND outcome IN ('upheld', 'rejected')
          AND fulfilled_at >= $2 AND fulfilled_at <= $3`,
        args,
      ),
      this.one(
        `SELECT count(DISTINCT invoice_number)::int AS n FROM ${S}.quality_tickets
          WHERE ticket_kind = 'complaint' AND operator = $1 AND billing AND invoice_number IS NOT NULL
            AND opened_at >= $2 AND opened_at <= $3`,
        args,
      ),
      this.one(
        `SELECT count(*)::int AS n FROM ${S}.quality_invoices
          WHERE operator = $1 AND issue_date >= $2::date AND issue_date <= $3::date`,
        [operator, period.from, period.to],
      ),
    ]);
    const invoices = issued.n as number;
    const measures: Measure[] = [
      measure('REPAIR_TIME_P80_HOURS', hours(repair.p80_net), repair.n as number),
      measure('REPAIR_TIME_P95_HOURS', hours(repair.p95_net), repair.n as number),
      measure('REPAIR_TIME_P80_HOURS_RAW', hours(repair.p80_raw), repair.n as number),
      measure('REPAIR_TIME_P95_HOURS_RAW', hours(repair.p95_raw), repair.n as number),
      measure(
        'REPAIRS_WITHIN_CONTRACTUAL_TIME_PCT',
        percent(repair.within as number, repair.with_term as number),
        repair.with_term as number,
        repair.within as number,
      ),
      measure('ACTIVATION_TIME_P95_DAYS', days(activation.p95), activation.n as number),
      measure('ACTIVATION_TIME_P99_DAYS', days(activation.p99), activation.n as number),
      measure(
        'ACTIVATIONS_BY_AGREED_DATE_PCT',
        percent(activation.by_date as number, activation.n as number),
        activation.n as number,
        activation.by_date as number,
      ),
      measure(
        'INVOICES_DISPUTED_PCT',
        percent(disputed.n as number, invoices),
        invoices,
        disputed.n as number,
      ),
      measure(
        'BILLING_ACCURACY_PCT',
        percent(complaints.refunded_invoices as number, invoices),
        invoices,
        complaints.refunded_invoices as number,
      ),
      measure(
        'BILLING_COMPLAINTS_UPHELD_WITH_REFUND_PCT',
        percent(complaints.refunded as number, complaints.billing as number),
        complaints.billing as number,
        complaints.refunded as number,
      ),
      measure('COMPLAINT_ANSWER_TIME_P50_DAYS', days(complaints.p50), complaints.n as number),
      measure('COMPLAINT_ANSWER_TIME_P95_DAYS', days(complaints.p95), complaints.n as number),
      measure(
        'COMPLAINTS_ANSWERED_WITHIN_TERM_PCT',
        percent(complaints.within as number, complaints.n as number),
        complaints.n as number,
        complaints.within as number,
      ),
    ];
    const policy = this.catalog.inForce(operator, to);
    const measured = new Set(measures.map((m) => m.indicator));
    return {
      operator,
      period,
      policyVersion: policy?.version ?? null,
      generatedAt: now.toISOString(),
      measures,
      targets: compareWithTargets(policy?.quality, measures),
      notMeasured: QUALITY_INDICATORS.filter((i) => !measured.has(i)).map((indicator) => ({
        indicator,
        reason: NOT_MEASURED[indicator] ?? 'not measured',
      })),
      basis:
        'QUA-4: percentiles by the nearest-rank method over the tickets fulfilled in the period; the regulator’s measurement details are unconfirmed (EXT-QUA-1)',
    };
  }

  /** QUA-2: every operator with a policy, side by side, for one period. */
  async comparison(period: QualityPeriod, now: Date): Promise<QualityReport[]> {
    const reports: QualityReport[] = [];
    for (const operator of this.catalog.operators())
      reports.push(await this.report(operator, period, now));
    return reports;
  }

  csv(report: QualityReport): string {
    const { period } = report;
    const rows: (string | number | boolean | null)[][] = [];
    for (const m of report.measures)
      rows.push([
        'measure',
        report.operator,
        period.from,
        period.to,
        m.id,
        m.label,
        m.value,
        m.unit,
        m.tickets,
        m.numerator,
        null,
        null,
        null,
        null,
        m.clock,
        m.definition,
      ]);
    for (const t of report.targets)
      rows.push([
        'target',
        report.operator,
        period.from,
        period.to,
        t.indicator,
        t.service,
        t.measured,
        t.unit,
        t.tickets,
        null,
        t.target,
        t.comparison,
        t.met,
        t.flag,
        t.clause,
        t.note,
      ]);
    return stringify(rows, {
      header: true,
      columns: [
        'row',
        'operator',
        'period_from',
        'period_to',
        'indicator',
        'label',
        'value',
        'unit',
        'tickets',
        'numerator',
        'target',
        'comparison',
        'met',
        'flag',
        'clock',
        'definition',
      ],
      cast: {
        boolean: (v) => (v ? 'true' : 'false'),
        string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v),
      },
    });
  }

  /** Supervisors' dashboard: open tickets by how close their deadline is, deadlines missed per day. */
  async dashboard(now: Date, daysBack: number, operator: string | null): Promise<QualityDashboard> {
    const S = this.schema;
    const at = now.toISOString();
    const params: unknown[] = [at];
    const byOperator = operator ? `AND operator = $${params.push(operator)}` : '';
    const { rows: open } = await this.db.query<{ ticket_kind: string; bucket: string; n: number }>(
      `SELECT ticket_kind, CASE
           WHEN due_at IS NULL THEN 'no_deadline'
           WHEN due_at < $1::timestamptz THEN 'overdue'
           WHEN due_at < $1::timestamptz + interval '24 hours' THEN 'due_24h'
           WHEN due_at < $1::timestamptz + interval '3 days' THEN 'due_3d'
           WHEN due_at < $1::timestamptz + interval '7 days' THEN 'due_7d'
           ELSE 'later' END AS bucket, count(*)::int AS n
         FROM ${S}.quality_tickets WHERE status = 'open' ${byOperator}
        GROUP BY 1, 2`,
      params,
    );
    const today = romeDateOf(at);
    const first = addDays(today, -(daysBack - 1));
    const since = new Date(startOfRomeDay(first)).toISOString();
    const breachParams: unknown[] = [since, at];
    const breachOperator = operator ? `AND operator = $${breachParams.push(operator)}` : '';
    const { rows: breaches } = await this.db.query<{ ticket_kind: string; day: string; n: number }>(
      `SELECT ticket_kind, to_char(missed_due_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD') AS day,
              count(*)::int AS n
         FROM ${S}.quality_tickets
        WHERE missed_due_at >= $1 AND missed_due_at <= $2 ${breachOperator}
        GROUP BY 1, 2`,
      breachParams,
    );
    const zero = () => ({ complaint: 0, fault: 0, activation: 0, total: 0 });
    const openByDeadline = DEADLINE_BUCKETS.map((bucket) => {
      const row = { bucket, ...zero() };
      for (const r of open.filter((o) => o.bucket === bucket)) {
        row[r.ticket_kind as Kind] += r.n;
        row.total += r.n;
      }
      return row;
    });
    const breachesPerDay = Array.from({ length: daysBack }, (_, i) => {
      const date = addDays(first, i);
      const row = { date, ...zero() };
      for (const r of breaches.filter((b) => b.day === date)) {
        row[r.ticket_kind as Kind] += r.n;
        row.total += r.n;
      }
      return row;
    });
    return { asOf: at, operator, openByDeadline, breachesPerDay };
  }

  private async one(sql: string, params: unknown[]): Promise<Record<string, unknown>> {
    const { rows } = await this.db.query<Record<string, unknown>>(sql, params);
    return rows[0];
  }
}
