import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { decodeCursor, encodeCursor } from '@sportello/tickets';

export interface FaultListFilter {
  status?: string;
  operator?: string;
  /** Open and past the repair deadline (missed or about to be recorded missed). */
  overdue?: boolean;
  /** The current deadline was missed, or the service was restored late. */
  breached?: boolean;
  /** A pause is running: the clock stands still. */
  paused?: boolean;
  regime?: string;
  incidentId?: string;
  dueBefore?: string;
  reference?: string;
  cursor?: string;
  limit?: number;
}

export interface FaultSummary {
  faultId: string;
  reference: string;
  operator: string;
  policyVersion: string;
  status: string;
  channel: string;
  service: string;
  customerType: string;
  reportedAt: string;
  termKind: string;
  regime: string;
  repairDueAt: string | null;
  dueStatus: string;
  deadlineMissed: boolean;
  overdue: boolean;
  paused: boolean;
  pausedSince: string | null;
  pauseCount: number;
  restoredAt: string | null;
  restoredOnTime: boolean | null;
  delayDays: number | null;
  indemnity: { type: string; status: string; amountCents: number; currency: 'EUR' } | null;
  outcome: string | null;
  closedAt: string | null;
  incidents: string[];
  revision: number;
}

interface Row {
  fault_id: string;
  reference: string;
  operator: string;
  policy_version: string;
  status: string;
  channel: string;
  service: string;
  customer_type: string;
  reported_at: Date | string;
  term_kind: string;
  regime: string;
  repair_due_at: Date | string | null;
  due_status: string;
  missed_due_at: Date | string | null;
  paused: boolean;
  paused_since: Date | string | null;
  pause_count: number;
  restored_at: Date | string | null;
  restored_on_time: boolean | null;
  delay_days: number | null;
  indemnity_type: string | null;
  indemnity_status: string | null;
  indemnity_cents: number | null;
  outcome: string | null;
  closed_at: Date | string | null;
  incidents: string[] | null;
  revision: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
const NO_DUE = 'infinity';

function toSummary(row: Row, now: Date): FaultSummary {
  const due = isoOrNull(row.repair_due_at);
  const missed = due !== null && isoOrNull(row.missed_due_at) === due;
  return {
    faultId: row.fault_id,
    reference: row.reference,
    operator: row.operator,
    policyVersion: row.policy_version,
    status: row.status,
    channel: row.channel,
    service: row.service,
    customerType: row.customer_type,
    reportedAt: iso(row.reported_at),
    termKind: row.term_kind,
    regime: row.regime,
    repairDueAt: due,
    dueStatus: row.due_status,
    deadlineMissed: missed,
    overdue: row.status === 'open' && due !== null && (missed || Date.parse(due) < now.getTime()),
    paused: row.paused,
    pausedSince: isoOrNull(row.paused_since),
    pauseCount: Number(row.pause_count),
    restoredAt: isoOrNull(row.restored_at),
    restoredOnTime: row.restored_on_time,
    delayDays: row.delay_days,
    indemnity:
      row.indemnity_type && row.indemnity_status
        ? {
            type: row.indemnity_type,
            status: row.indemnity_status,
            amountCents: Number(row.indemnity_cents ?? 0),
            currency: 'EUR',
          }
        : null,
    outcome: row.outcome,
    closedAt: isoOrNull(row.closed_at),
    incidents: row.incidents ?? [],
    revision: Number(row.revision),
  };
}

const MISSED = 'f.missed_due_at IS NOT NULL AND f.missed_due_at = f.repair_due_at';

export interface OutageSummary {
  outageId: string;
  operator: string;
  policyVersion: string;
  kind: string;
  area: { description: string; municipalities: string[]; postcodes: string[] };
  startedAt: string;
  endedAt: string | null;
  forceMajeure: { from: string; endedOn: string | null } | null;
  announcedResolutionDate: string | null;
  declaredBy: string;
  faults: { linked: number; open: number; overdue: number; restored: number; closed: number };
  revision: number;
}

/** Reads of the faults read model (eventually consistent with the log). */
export class FaultQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async list(
    filter: FaultListFilter,
    now: Date,
  ): Promise<{ items: FaultSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const s = this.schema;
    if (filter.status) where.push(`f.status = ${param(filter.status)}`);
    if (filter.operator) where.push(`f.operator = ${param(filter.operator)}`);
    if (filter.regime) where.push(`f.regime = ${param(filter.regime)}`);
    if (filter.reference) where.push(`f.reference = ${param(filter.reference.toUpperCase())}`);
    if (filter.dueBefore) where.push(`f.repair_due_at < ${param(filter.dueBefore)}`);
    if (filter.paused !== undefined) where.push(`f.paused = ${param(filter.paused)}`);
    const overdue = () =>
      `(f.status = 'open' AND f.repair_due_at IS NOT NULL AND (${MISSED} OR f.repair_due_at < ${param(now.toISOString())}::timestamptz))`;
    if (filter.overdue === true) where.push(overdue());
    if (filter.overdue === false) where.push(`NOT ${overdue()}`);
    const breached = `((${MISSED}) OR f.restored_on_time = false)`;
    if (filter.breached === true) where.push(breached);
    if (filter.breached === false) where.push(`NOT COALESCE(${breached}, false)`);
    if (filter.incidentId)
      where.push(
        `EXISTS (SELECT 1 FROM ${s}.fault_incident_links l WHERE l.fault_id = f.fault_id AND l.incident_id = ${param(filter.incidentId)})`,
      );
    const sortKey = `COALESCE(f.repair_due_at, '${NO_DUE}'::timestamptz)`;
    // Keyset pagination by (repair deadline, id), faults without a deadline last.
    if (filter.cursor) {
      const [due, id] = decodeCursor(filter.cursor, NO_DUE);
      where.push(`(${sortKey}, f.fault_id) > (${param(due)}::timestamptz, ${param(id)}::uuid)`);
    }
    const limit = filter.limit ?? 50;
    const { rows } = await this.db.query<Row>(
      `SELECT f.*, (SELECT array_agg(l.incident_id ORDER BY l.linked_at) FROM ${s}.fault_incident_links l
                     WHERE l.fault_id = f.fault_id) AS incidents
         FROM ${s}.faults f ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${sortKey}, f.fault_id LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => toSummary(row, now));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit ? encodeCursor(last.repairDueAt ?? NO_DUE, last.faultId) : null,
    };
  }

  async outage(outageId: string, now: Date): Promise<OutageSummary | null> {
    const { items } = await this.outages({ outageId }, now);
    return items[0] ?? null;
  }

  /** Newest first; keyset by (start, id). */
  async outages(
    filter: {
      operator?: string;
      kind?: string;
      outageId?: string;
      cursor?: string;
      limit?: number;
    },
    now: Date,
  ): Promise<{ items: OutageSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const s = this.schema;
    if (filter.outageId) where.push(`o.outage_id = ${param(filter.outageId)}::uuid`);
    if (filter.operator) where.push(`o.operator = ${param(filter.operator)}`);
    if (filter.kind) where.push(`o.kind = ${param(filter.kind)}`);
    if (filter.cursor) {
      const [started, id] = decodeCursor(filter.cursor, NO_DUE);
      where.push(
        `(o.started_at, o.outage_id) < (${param(started)}::timestamptz, ${param(id)}::uuid)`,
      );
    }
    const limit = filter.limit ?? 50;
    const nowParam = param(now.toISOString());
    const { rows } = await this.db.query<OutageRow>(
      `SELECT o.*,
              count(f.fault_id)::int AS linked,
              count(f.fault_id) FILTER (WHERE f.status = 'open')::int AS open,
              count(f.fault_id) FILTER (WHERE f.status = 'open' AND f.repair_due_at IS NOT NULL
                AND (${MISSED} OR f.repair_due_at < ${nowParam}::timestamptz))::int AS overdue,
              count(f.fault_id) FILTER (WHERE f.status = 'restored')::int AS restored,
              count(f.fault_id) FILTER (WHERE f.status = 'closed')::int AS closed
         FROM ${s}.outages o
         LEFT JOIN ${s}.fault_incident_links l ON l.incident_id = o.outage_id::text
         LEFT JOIN ${s}.faults f ON f.fault_id = l.fault_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY o.outage_id
        ORDER BY o.started_at DESC, o.outage_id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map(toOutage);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(last.startedAt, last.outageId) : null,
    };
  }
}

interface OutageRow {
  outage_id: string;
  operator: string;
  policy_version: string;
  kind: string;
  area_description: string;
  municipalities: string[];
  postcodes: string[];
  started_at: Date | string;
  ended_at: Date | string | null;
  force_majeure_from: Date | string | null;
  force_majeure_ended_on: Date | string | null;
  announced_resolution_date: Date | string | null;
  declared_by: string;
  revision: number;
  linked: number;
  open: number;
  overdue: number;
  restored: number;
  closed: number;
}

/** `date` columns come back as strings or local-midnight Dates depending on the driver. */
function dateOnly(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

function toOutage(row: OutageRow): OutageSummary {
  const from = dateOnly(row.force_majeure_from);
  return {
    outageId: row.outage_id,
    operator: row.operator,
    policyVersion: row.policy_version,
    kind: row.kind,
    area: {
      description: row.area_description,
      municipalities: row.municipalities,
      postcodes: row.postcodes,
    },
    startedAt: iso(row.started_at),
    endedAt: isoOrNull(row.ended_at),
    forceMajeure: from ? { from, endedOn: dateOnly(row.force_majeure_ended_on) } : null,
    announcedResolutionDate: dateOnly(row.announced_resolution_date),
    declaredBy: row.declared_by,
    faults: {
      linked: row.linked,
      open: row.open,
      overdue: row.overdue,
      restored: row.restored,
      closed: row.closed,
    },
    revision: Number(row.revision),
  };
}
