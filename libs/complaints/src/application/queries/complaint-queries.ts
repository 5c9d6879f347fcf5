import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { decodeCursor, encodeCursor } from '@sportello/tickets';

export interface ComplaintListFilter {
  status?: string;
  operator?: string;
  overdue?: boolean;
  dueBefore?: string;
  trackingCode?: string;
  billingItem?: string;
  cursor?: string;
  limit?: number;
}

export interface ComplaintSummary {
  complaintId: string;
  trackingCode: string;
  operator: string;
  policyVersion: string;
  status: string;
  channel: string;
  category: string;
  customerType: string;
  receivedAt: string;
  answerDueAt: string;
  answeredAt: string | null;
  outcome: string | null;
  answeredLate: boolean | null;
  deadlineMissed: boolean;
  billingInWindow: boolean | null;
  penaltySuspended: boolean;
  revision: number;
}

interface Row {
  complaint_id: string;
  tracking_code: string;
  operator: string;
  policy_version: string;
  status: string;
  channel: string;
  category: string;
  customer_type: string;
  received_at: Date | string;
  answer_due_at: Date | string;
  answered_at: Date | string | null;
  outcome: string | null;
  answered_late: boolean | null;
  deadline_missed: boolean;
  billing_in_window: boolean | null;
  penalty_suspended: boolean;
  revision: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function toSummary(row: Row): ComplaintSummary {
  return {
    complaintId: row.complaint_id,
    trackingCode: row.tracking_code,
    operator: row.operator,
    policyVersion: row.policy_version,
    status: row.status,
    channel: row.channel,
    category: row.category,
    customerType: row.customer_type,
    receivedAt: iso(row.received_at),
    answerDueAt: iso(row.answer_due_at),
    answeredAt: row.answered_at ? iso(row.answered_at) : null,
    outcome: row.outcome,
    answeredLate: row.answered_late,
    deadlineMissed: row.deadline_missed,
    billingInWindow: row.billing_in_window,
    penaltySuspended: row.penalty_suspended,
    revision: Number(row.revision),
  };
}

/** Reads of the complaints list read model (eventually consistent with the log). */
export class ComplaintQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async list(
    filter: ComplaintListFilter,
    now: Date,
  ): Promise<{ items: ComplaintSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.operator) where.push(`operator = ${param(filter.operator)}`);
    if (filter.trackingCode)
      where.push(`tracking_code = ${param(filter.trackingCode.toUpperCase())}`);
    if (filter.billingItem) where.push(`billing_item = ${param(filter.billingItem)}`);
    if (filter.dueBefore) where.push(`answer_due_at < ${param(filter.dueBefore)}`);
    if (filter.overdue === true)
      where.push(
        `(deadline_missed OR (status = 'open' AND answer_due_at < ${param(now.toISOString())}))`,
      );
    if (filter.overdue === false)
      where.push(
        `NOT deadline_missed AND NOT (status = 'open' AND answer_due_at < ${param(now.toISOString())})`,
      );
    // Keyset pagination by (answer deadline, id): stable while new complaints arrive.
    if (filter.cursor) {
      const [due, id] = decodeCursor(filter.cursor);
      where.push(
        `(answer_due_at, complaint_id) > (${param(due)}::timestamptz, ${param(id)}::uuid)`,
      );
    }
    const limit = filter.limit ?? 50;
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM ${this.schema}.complaints ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY answer_due_at, complaint_id LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map(toSummary);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(last.answerDueAt, last.complaintId) : null,
    };
  }
}
