import { assertSchemaName, RecordedEvent, SqlExecutor } from '@sportello/eventstore';
import { decodeCursor, encodeCursor } from '@sportello/tickets';

export interface AssistanceListFilter {
  status?: string;
  operator?: string;
  category?: string;
  reference?: string;
  cursor?: string;
  limit?: number;
}

export interface AssistanceTicketSummary {
  ticketId: string;
  reference: string;
  operator: string;
  policyVersion: string;
  status: string;
  problemCategory: string;
  platform: string | null;
  channel: string;
  linkedTo: { kind: string; id: string } | null;
  openedAt: string;
  closedAt: string | null;
  reopened: number;
  liveSessions: number;
}

export interface ConductAlert {
  eventId: string;
  ticketId: string;
  type: string;
  ruleId: string;
  attempted: string;
  actorId: string;
  occurredAt: string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** Reads of the assistance read model (eventually consistent with the log; no personal data). */
export class AssistanceQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async list(
    filter: AssistanceListFilter,
  ): Promise<{ items: AssistanceTicketSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.operator) where.push(`operator = ${param(filter.operator)}`);
    if (filter.category) where.push(`problem_category = ${param(filter.category)}`);
    if (filter.reference) where.push(`reference = ${param(filter.reference.toUpperCase())}`);
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor);
      where.push(`(opened_at, ticket_id) > (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const limit = filter.limit ?? 50;
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM ${this.schema}.assistance_tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY opened_at, ticket_id LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map((row): AssistanceTicketSummary => ({
      ticketId: row.ticket_id as string,
      reference: row.reference as string,
      operator: row.operator as string,
      policyVersion: row.policy_version as string,
      status: row.status as string,
      problemCategory: row.problem_category as string,
      platform: (row.platform as string | null) ?? null,
      channel: row.channel as string,
      linkedTo: row.linked_kind
        ? { kind: row.linked_kind as string, id: row.linked_id as string }
        : null,
      openedAt: iso(row.opened_at as Date),
      closedAt: row.closed_at ? iso(row.closed_at as Date) : null,
      reopened: Number(row.reopened),
      liveSessions: Number(row.live_sessions),
    }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(last.openedAt, last.ticketId) : null,
    };
  }

  /** SUP-1, IMP-1, IMP-3, IMP-4, IMP-5: the refused attempts, newest first, for supervisors. */
  async conductAlerts(filter: { ticketId?: string; limit?: number }): Promise<ConductAlert[]> {
    const params: unknown[] = [filter.limit ?? 100];
    const where = filter.ticketId ? `WHERE ticket_id = $${params.push(filter.ticketId)}` : '';
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM ${this.schema}.assistance_conduct_alerts ${where}
        ORDER BY occurred_at DESC, event_id DESC LIMIT $1`,
      params,
    );
    return rows.map((row) => ({
      eventId: row.event_id as string,
      ticketId: row.ticket_id as string,
      type: row.event_type as string,
      ruleId: row.rule_id as string,
      attempted: row.attempted as string,
      actorId: row.actor_id as string,
      occurredAt: iso(row.occurred_at as Date),
    }));
  }
}

/** One entry of the audit view: what happened, when, by whom, in the order of the log. */
export interface AuditEntry {
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string };
  correlationId: string;
  data: unknown;
  masked: string[];
}

export function toAuditTrail(events: RecordedEvent[]): AuditEntry[] {
  return events.map((e) => ({
    revision: e.revision,
    type: e.type,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    actor: e.metadata.actor,
    correlationId: e.metadata.correlationId,
    data: e.data,
    masked: e.masked,
  }));
}
