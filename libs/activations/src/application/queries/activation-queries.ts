import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { decodeCursor, encodeCursor } from '@sportello/tickets';

export interface ActivationListFilter {
  status?: string;
  operator?: string;
  requestKind?: string;
  customerType?: string;
  /** Pending and past the activation deadline (missed or about to be recorded missed). */
  overdue?: boolean;
  /** The current deadline was missed, or the service was activated late. */
  breached?: boolean;
  /** A pause is running: the clock stands still (CAL-8). */
  paused?: boolean;
  dueBefore?: string;
  receivedFrom?: string;
  receivedBefore?: string;
  reference?: string;
  cursor?: string;
  limit?: number;
}

export interface ActivationSummary {
  activationId: string;
  reference: string;
  operator: string;
  policyVersion: string;
  status: string;
  requestKind: string;
  services: string[];
  access: string | null;
  channel: string;
  customerType: string;
  receivedAt: string;
  termCategory: string;
  activationDueAt: string | null;
  dueDate: string | null;
  dueStatus: string;
  deadlineMissed: boolean;
  overdue: boolean;
  technicalCheck: string | null;
  checkedAt: string | null;
  paused: boolean;
  pausedSince: string | null;
  pauseCount: number;
  noticeCount: number;
  announcedDate: string | null;
  activatedAt: string | null;
  onTime: boolean | null;
  delayDays: number | null;
  indemnity: { status: string; basis: string | null; amountCents: number; currency: 'EUR' } | null;
  cancelReason: string | null;
  revision: number;
}

interface Row {
  activation_id: string;
  reference: string;
  operator: string;
  policy_version: string;
  status: string;
  request_kind: string;
  services: string[];
  access: string | null;
  channel: string;
  customer_type: string;
  received_at: Date | string;
  term_category: string;
  activation_due_at: Date | string | null;
  due_date: string | null;
  due_status: string;
  missed_due_at: Date | string | null;
  technical_check: string | null;
  checked_at: Date | string | null;
  paused: boolean;
  paused_since: Date | string | null;
  pause_count: number;
  notice_count: number;
  announced_date: string | null;
  activated_at: Date | string | null;
  on_time: boolean | null;
  delay_days: number | null;
  indemnity_status: string | null;
  indemnity_basis: string | null;
  indemnity_cents: number | null;
  cancel_reason: string | null;
  revision: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
const NO_DUE = 'infinity';

function toSummary(row: Row, now: Date): ActivationSummary {
  const due = isoOrNull(row.activation_due_at);
  const missed = due !== null && isoOrNull(row.missed_due_at) === due;
  return {
    activationId: row.activation_id,
    reference: row.reference,
    operator: row.operator,
    policyVersion: row.policy_version,
    status: row.status,
    requestKind: row.request_kind,
    services: row.services,
    access: row.access,
    channel: row.channel,
    customerType: row.customer_type,
    receivedAt: iso(row.received_at),
    termCategory: row.term_category,
    activationDueAt: due,
    dueDate: row.due_date,
    dueStatus: row.due_status,
    deadlineMissed: missed,
    overdue:
      row.status === 'requested' && due !== null && (missed || Date.parse(due) < now.getTime()),
    technicalCheck: row.technical_check,
    checkedAt: isoOrNull(row.checked_at),
    paused: row.paused,
    pausedSince: isoOrNull(row.paused_since),
    pauseCount: Number(row.pause_count),
    noticeCount: Number(row.notice_count),
    announcedDate: row.announced_date,
    activatedAt: isoOrNull(row.activated_at),
    onTime: row.on_time,
    delayDays: row.delay_days,
    indemnity: row.indemnity_status
      ? {
          status: row.indemnity_status,
          basis: row.indemnity_basis,
          amountCents: Number(row.indemnity_cents ?? 0),
          currency: 'EUR',
        }
      : null,
    cancelReason: row.cancel_reason,
    revision: Number(row.revision),
  };
}

const MISSED = 'missed_due_at IS NOT NULL AND missed_due_at = activation_due_at';

/** Reads of the activations read model (eventually consistent with the log). */
export class ActivationQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async list(
    filter: ActivationListFilter,
    now: Date,
  ): Promise<{ items: ActivationSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.operator) where.push(`operator = ${param(filter.operator)}`);
    if (filter.requestKind) where.push(`request_kind = ${param(filter.requestKind)}`);
    if (filter.customerType) where.push(`customer_type = ${param(filter.customerType)}`);
    if (filter.reference) where.push(`reference = ${param(filter.reference.toUpperCase())}`);
    if (filter.dueBefore) where.push(`activation_due_at < ${param(filter.dueBefore)}`);
    if (filter.receivedFrom) where.push(`received_at >= ${param(filter.receivedFrom)}`);
    if (filter.receivedBefore) where.push(`received_at < ${param(filter.receivedBefore)}`);
    if (filter.paused !== undefined) where.push(`paused = ${param(filter.paused)}`);
    const overdue = () =>
      `(status = 'requested' AND activation_due_at IS NOT NULL AND (${MISSED} OR activation_due_at < ${param(now.toISOString())}::timestamptz))`;
    if (filter.overdue === true) where.push(overdue());
    if (filter.overdue === false) where.push(`NOT ${overdue()}`);
    const breached = `((${MISSED}) OR on_time = false)`;
    if (filter.breached === true) where.push(breached);
    if (filter.breached === false) where.push(`NOT COALESCE(${breached}, false)`);
    const sortKey = `COALESCE(activation_due_at, '${NO_DUE}'::timestamptz)`;
    // Keyset pagination by (activation deadline, id), requests without a deadline last.
    if (filter.cursor) {
      const [due, id] = decodeCursor(filter.cursor, NO_DUE);
      where.push(`(${sortKey}, activation_id) > (${param(due)}::timestamptz, ${param(id)}::uuid)`);
    }
    const limit = filter.limit ?? 50;
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM ${this.schema}.activations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${sortKey}, activation_id LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => toSummary(row, now));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit
          ? encodeCursor(last.activationDueAt ?? NO_DUE, last.activationId)
          : null,
    };
  }
}
