import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { decodeCursor, encodeCursor } from '@sportello/tickets';

export interface IncidentListFilter {
  operator?: string;
  cursor?: string;
  limit?: number;
}

export interface IncidentSummary {
  incidentId: string;
  operator: string;
  policyVersion: string;
  serviceName: string;
  monthlyFeeCents: number;
  periods: string[];
  declaredAt: string;
  affectedCustomers: number;
  arrearsCents: number;
}

export interface RecoverySummary {
  recoveryId: string;
  subjectId: string;
  customerType: string;
  noticeBy: string;
  status: string;
  arrearsCents: number;
  noticeAt: string | null;
  regularChargesResumeFrom: string | null;
  recoverableCents: number | null;
  billedCents: number;
  nextDueOn: string | null;
  settledOn: string | null;
  revision: number;
}

interface IncidentRow {
  incident_id: string;
  operator: string;
  policy_version: string;
  service_name: string;
  monthly_fee_cents: number;
  periods: string[] | string;
  declared_at: Date | string;
  customers: number;
  arrears_cents: number | string;
}

interface RecoveryRow {
  recovery_id: string;
  subject_id: string;
  customer_type: string;
  notice_by: string;
  status: string;
  arrears_cents: number;
  notice_at: Date | string | null;
  regular_from: string | null;
  recoverable_cents: number | null;
  billed_cents: number;
  next_due_on: string | null;
  settled_on: string | null;
  revision: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const json = <T>(value: T | string): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

function toIncident(row: IncidentRow): IncidentSummary {
  return {
    incidentId: row.incident_id,
    operator: row.operator,
    policyVersion: row.policy_version,
    serviceName: row.service_name,
    monthlyFeeCents: Number(row.monthly_fee_cents),
    periods: json<string[]>(row.periods),
    declaredAt: iso(row.declared_at),
    affectedCustomers: Number(row.customers),
    arrearsCents: Number(row.arrears_cents),
  };
}

function toRecovery(row: RecoveryRow): RecoverySummary {
  return {
    recoveryId: row.recovery_id,
    subjectId: row.subject_id,
    customerType: row.customer_type,
    noticeBy: row.notice_by,
    status: row.status,
    arrearsCents: Number(row.arrears_cents),
    noticeAt: row.notice_at ? iso(row.notice_at) : null,
    regularChargesResumeFrom: row.regular_from,
    recoverableCents: row.recoverable_cents === null ? null : Number(row.recoverable_cents),
    billedCents: Number(row.billed_cents),
    nextDueOn: row.next_due_on,
    settledOn: row.settled_on,
    revision: Number(row.revision),
  };
}

/** Reads of the billing-incident read models (eventually consistent with the log). */
export class BillingIncidentQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async list(
    filter: IncidentListFilter,
  ): Promise<{ items: IncidentSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.operator) where.push(`operator = ${param(filter.operator)}`);
    // Keyset pagination by (declaration, id), newest first: stable while incidents are declared.
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor);
      where.push(`(declared_at, incident_id) < (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const limit = filter.limit ?? 50;
    const { rows } = await this.db.query<IncidentRow>(
      `SELECT * FROM ${this.schema}.billing_incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY declared_at DESC, incident_id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map(toIncident);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(last.declaredAt, last.incidentId) : null,
    };
  }

  async recoveriesOf(incidentId: string): Promise<RecoverySummary[]> {
    const { rows } = await this.db.query<RecoveryRow>(
      `SELECT recovery_id::text AS recovery_id, subject_id, customer_type, notice_by, status, arrears_cents, notice_at,
              regular_from, recoverable_cents, billed_cents, to_char(next_due_on, 'YYYY-MM-DD') AS next_due_on,
              to_char(settled_on, 'YYYY-MM-DD') AS settled_on, revision
         FROM ${this.schema}.billing_recoveries WHERE incident_id = $1 ORDER BY recovery_id`,
      [incidentId],
    );
    return rows.map(toRecovery);
  }
}
