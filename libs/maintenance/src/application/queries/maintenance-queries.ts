import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { decodeCursor, encodeCursor } from '@sportello/tickets';

export interface MaintenanceListFilter {
  status?: string;
  operator?: string;
  kind?: string;
  complianceStatus?: string;
  consequence?: string;
  /** Any notice breach: contractual (flagged) or indemnified. */
  breached?: boolean;
  startsFrom?: string;
  startsBefore?: string;
  /** Windows affecting this data subject (a listed line of theirs). */
  subjectId?: string;
  reference?: string;
  cursor?: string;
  limit?: number;
}

export interface MaintenanceWindowSummary {
  windowId: string;
  reference: string;
  operator: string;
  policyVersion: string;
  kind: string;
  status: string;
  area: string | null;
  affected: { kind: string; count: number };
  plannedStart: string;
  plannedEnd: string;
  notice: { publishedAt: string; channel: string; hours: number | null } | null;
  compliance: { stage: string; status: string; consequence: string };
  flaggedToSupervisors: boolean;
  startedAt: string | null;
  endedAt: string | null;
  daysTouched: number | null;
  indemnityTotalCents: number | null;
  revision: number;
}

interface Row {
  window_id: string;
  reference: string;
  operator: string;
  policy_version: string;
  kind: string;
  status: string;
  area: string | null;
  affected_kind: string;
  affected_count: number;
  planned_start: Date | string;
  planned_end: Date | string;
  notice_published_at: Date | string | null;
  notice_channel: string | null;
  notice_hours: string | number | null;
  compliance_stage: string;
  compliance_status: string;
  consequence: string;
  flagged_to_supervisors: boolean;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  days_touched: number | null;
  indemnity_total_cents: number | null;
  revision: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

function toSummary(row: Row): MaintenanceWindowSummary {
  return {
    windowId: row.window_id,
    reference: row.reference,
    operator: row.operator,
    policyVersion: row.policy_version,
    kind: row.kind,
    status: row.status,
    area: row.area,
    affected: { kind: row.affected_kind, count: Number(row.affected_count) },
    plannedStart: iso(row.planned_start),
    plannedEnd: iso(row.planned_end),
    notice: row.notice_published_at
      ? {
          publishedAt: iso(row.notice_published_at),
          channel: row.notice_channel as string,
          hours: row.notice_hours === null ? null : Number(row.notice_hours),
        }
      : null,
    compliance: {
      stage: row.compliance_stage,
      status: row.compliance_status,
      consequence: row.consequence,
    },
    flaggedToSupervisors: row.flagged_to_supervisors,
    startedAt: isoOrNull(row.started_at),
    endedAt: isoOrNull(row.ended_at),
    daysTouched: row.days_touched,
    indemnityTotalCents: row.indemnity_total_cents,
    revision: Number(row.revision),
  };
}

/** Reads of the maintenance windows read model (eventually consistent with the log). */
export class MaintenanceQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async list(
    filter: MaintenanceListFilter,
  ): Promise<{ items: MaintenanceWindowSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const s = this.schema;
    if (filter.status) where.push(`w.status = ${param(filter.status)}`);
    if (filter.operator) where.push(`w.operator = ${param(filter.operator)}`);
    if (filter.kind) where.push(`w.kind = ${param(filter.kind)}`);
    if (filter.complianceStatus)
      where.push(`w.compliance_status = ${param(filter.complianceStatus)}`);
    if (filter.consequence) where.push(`w.consequence = ${param(filter.consequence)}`);
    if (filter.breached === true) where.push(`w.compliance_status LIKE '%BREACH'`);
    if (filter.breached === false) where.push(`w.compliance_status NOT LIKE '%BREACH'`);
    if (filter.startsFrom) where.push(`w.planned_start >= ${param(filter.startsFrom)}`);
    if (filter.startsBefore) where.push(`w.planned_start < ${param(filter.startsBefore)}`);
    if (filter.reference) where.push(`w.reference = ${param(filter.reference.toUpperCase())}`);
    if (filter.subjectId)
      where.push(
        `EXISTS (SELECT 1 FROM ${s}.maintenance_window_lines l WHERE l.window_id = w.window_id AND l.subject_id = ${param(filter.subjectId)})`,
      );
    // Keyset pagination by (planned start, id).
    if (filter.cursor) {
      const [start, id] = decodeCursor(filter.cursor);
      where.push(
        `(w.planned_start, w.window_id) > (${param(start)}::timestamptz, ${param(id)}::uuid)`,
      );
    }
    const limit = filter.limit ?? 50;
    const { rows } = await this.db.query<Row>(
      `SELECT w.* FROM ${s}.maintenance_windows w ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY w.planned_start, w.window_id LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map(toSummary);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(last.plannedStart, last.windowId) : null,
    };
  }
}
