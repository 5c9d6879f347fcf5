import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { ProblemException } from '@sportello/platform';
import { PolicyCatalog } from '@sportello/policies';
import { endOfRomeDay, startOfRomeDay } from '@sportello/sla';
import { stringify } from 'csv-stringify/sync';
import { LedgerLineView, LedgerRow, LedgerStatus, ledgerLineView } from './ledger-view';

export interface LedgerFilter {
  ticketKind?: string;
  ticketId?: string;
  reference?: string;
  /** The customer: a data subject id. */
  subjectId?: string;
  operator?: string;
  indemnityType?: string;
  status?: LedgerStatus;
  /** Calendar dates (Europe/Rome), inclusive, on the day the indemnity arose (its deadline). */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface LedgerTotals {
  asOf: string;
  currency: 'EUR';
  filter: Omit<LedgerFilter, 'cursor' | 'limit'>;
  lines: number;
  accruingCents: number;
  assessedCents: number;
  underReviewCents: number;
  creditedCents: number;
  deniedLines: number;
  byStatus: Record<LedgerStatus, { lines: number; amountCents: number }>;
  byType: Record<
    string,
    { lines: number; accruingCents: number; assessedCents: number; creditedCents: number }
  >;
  byOperator: Record<
    string,
    { lines: number; accruingCents: number; assessedCents: number; creditedCents: number }
  >;
}

const STATUSES: LedgerStatus[] = [
  'accruing',
  'assessed',
  'under_review',
  'credited',
  'denied',
  'none',
];

function decodeCursor(cursor: string): [string, string] {
  try {
    const [arose, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    if (Number.isNaN(Date.parse(arose)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad');
    return [arose, id];
  } catch {
    throw ProblemException.validation([
      { field: 'cursor', reason: 'must be a cursor this API returned' },
    ]);
  }
}

const encodeCursor = (line: LedgerLineView) =>
  Buffer.from(JSON.stringify([line.aroseAt, line.lineId])).toString('base64url');

/** OWASP CSV injection: a cell a spreadsheet would run as a formula is quoted as text. */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const CSV_COLUMNS: [string, (l: LedgerLineView) => string | number | null][] = [
  ['line_id', (l) => l.lineId],
  ['ticket_kind', (l) => l.ticket.kind],
  ['ticket_id', (l) => l.ticket.id],
  ['ticket_reference', (l) => l.ticket.reference],
  ['operator', (l) => l.operator],
  ['policy_version', (l) => l.policyVersion],
  ['customer_type', (l) => l.customerType],
  ['subject_id', (l) => l.subjectId],
  ['indemnity_type', (l) => l.indemnityType],
  ['party', (l) => l.party],
  ['status', (l) => l.status],
  ['as_of', (l) => l.asOf],
  ['due_at', (l) => l.dueAt],
  ['fulfilled_at', (l) => l.fulfilledAt],
  ['basis', (l) => l.basis],
  ['days', (l) => l.days],
  ['days_paid', (l) => l.daysPaid],
  ['daily_cents', (l) => l.rate?.dailyCents ?? null],
  ['multiplier', (l) => l.rate?.multiplier ?? null],
  ['cap_days', (l) => l.rate?.capDays ?? null],
  ['cap_cents', (l) => l.rate?.capCents ?? null],
  ['flat_cents', (l) => l.rate?.flatCents ?? null],
  ['contractual_cents', (l) => l.contractualCents],
  ['regulatory_cents', (l) => l.regulatoryCents],
  ['regulatory_role', (l) => l.regulatoryRole],
  ['amount_cents', (l) => l.amountCents],
  ['currency', (l) => l.currency],
  ['review_rule', (l) => l.review?.rule ?? null],
  ['review_status', (l) => l.review?.status ?? null],
  ['invoice_number', (l) => l.credit?.invoiceNumber ?? null],
  ['invoice_issued_on', (l) => l.credit?.invoiceIssuedOn ?? null],
  ['credited_at', (l) => l.credit?.creditedAt ?? null],
  ['clause', (l) => l.clause],
  ['rules', (l) => l.rules.join(' ')],
];

/** Reads of the indemnity ledger (eventually consistent with the log), priced as of `now`. */
export class IndemnityQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
    private readonly catalog: PolicyCatalog,
  ) {
    assertSchemaName(schema);
  }

  private async rows(
    filter: LedgerFilter,
    after: [string, string] | null,
    batch: number,
    lineId?: string,
  ): Promise<LedgerRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (lineId) where.push(`l.line_id = ${param(lineId)}`);
    if (filter.ticketKind) where.push(`l.ticket_kind = ${param(filter.ticketKind)}`);
    if (filter.ticketId) where.push(`l.ticket_id = ${param(filter.ticketId)}`);
    if (filter.reference) where.push(`l.reference = ${param(filter.reference.toUpperCase())}`);
    if (filter.subjectId) where.push(`l.subject_id = ${param(filter.subjectId)}`);
    if (filter.operator) where.push(`l.operator = ${param(filter.operator)}`);
    if (filter.indemnityType) where.push(`l.indemnity_type = ${param(filter.indemnityType)}`);
    if (filter.from)
      where.push(`l.arose_at >= ${param(new Date(startOfRomeDay(filter.from)).toISOString())}`);
    if (filter.to)
      where.push(`l.arose_at <= ${param(new Date(endOfRomeDay(filter.to)).toISOString())}`);
    if (filter.status === 'credited') where.push('l.credit IS NOT NULL');
    if (filter.status === 'accruing') where.push('l.assessment IS NULL');
    if (filter.status && !['credited', 'accruing', 'assessed'].includes(filter.status))
      where.push('l.assessment IS NOT NULL AND l.credit IS NULL');
    if (after)
      where.push(
        `(l.arose_at, l.line_id) > (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`,
      );
    const S = this.schema;
    const { rows } = await this.db.query<LedgerRow>(
      `SELECT l.*, t.due_at, t.term_kind, t.regime, t.request_kind, t.services, t.exceptional,
              t.paused_since, t.fulfilled_at, t.review, t.claim_after
         FROM ${S}.indemnity_ledger l JOIN ${S}.indemnity_tickets t ON t.stream = l.stream
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY l.arose_at, l.line_id LIMIT ${param(batch)}`,
      params,
    );
    return rows;
  }

  async line(lineId: string, now: Date): Promise<LedgerLineView | null> {
    const [row] = await this.rows({}, null, 1, lineId);
    return row ? ledgerLineView(row, this.catalog, now) : null;
  }

  async list(
    filter: LedgerFilter,
    now: Date,
  ): Promise<{ asOf: string; items: LedgerLineView[]; nextCursor: string | null }> {
    const limit = filter.limit ?? 50;
    const items: LedgerLineView[] = [];
    let after = filter.cursor ? decodeCursor(filter.cursor) : null;
    const batch = Math.max(limit + 1, 200);
    while (items.length <= limit) {
      const rows = await this.rows(filter, after, batch);
      for (const row of rows) {
        const view = ledgerLineView(row, this.catalog, now);
        if (!filter.status || view.status === filter.status) items.push(view);
      }
      if (rows.length < batch) break;
      const last = rows[rows.length - 1];
      after = [new Date(last.arose_at).toISOString(), last.line_id];
    }
    const page = items.slice(0, limit);
    return {
      asOf: now.toISOString(),
      items: page,
      nextCursor: items.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /** Every line matching the filter, in ledger order, a batch at a time. */
  async *all(filter: LedgerFilter, now: Date): AsyncGenerator<LedgerLineView> {
    let after: [string, string] | null = null;
    for (;;) {
      const rows = await this.rows(filter, after, 1_000);
      for (const row of rows) {
        const view = ledgerLineView(row, this.catalog, now);
        if (!filter.status || view.status === filter.status) yield view;
      }
      if (rows.length < 1_000) return;
      const last = rows[rows.length - 1];
      after = [new Date(last.arose_at).toISOString(), last.line_id];
    }
  }

  async totals(filter: LedgerFilter, now: Date): Promise<LedgerTotals> {
    const byStatus = Object.fromEntries(
      STATUSES.map((s) => [s, { lines: 0, amountCents: 0 }]),
    ) as LedgerTotals['byStatus'];
    const byType: LedgerTotals['byType'] = {};
    const byOperator: LedgerTotals['byOperator'] = {};
    const bucket = () => ({ lines: 0, accruingCents: 0, assessedCents: 0, creditedCents: 0 });
    let lines = 0;
    for await (const line of this.all(filter, now)) {
      lines += 1;
      byStatus[line.status].lines += 1;
      byStatus[line.status].amountCents += line.amountCents;
      for (const group of [
        (byType[line.indemnityType] ??= bucket()),
        (byOperator[line.operator] ??= bucket()),
      ]) {
        group.lines += 1;
        if (line.status === 'accruing') group.accruingCents += line.amountCents;
        if (line.status === 'assessed' || line.status === 'under_review')
          group.assessedCents += line.amountCents;
        if (line.status === 'credited') group.creditedCents += line.amountCents;
      }
    }
    const { cursor: _cursor, limit: _limit, ...rest } = filter;
    return {
      asOf: now.toISOString(),
      currency: 'EUR',
      filter: rest,
      lines,
      accruingCents: byStatus.accruing.amountCents,
      assessedCents: byStatus.assessed.amountCents,
      underReviewCents: byStatus.under_review.amountCents,
      creditedCents: byStatus.credited.amountCents,
      deniedLines: byStatus.denied.lines,
      byStatus,
      byType,
      byOperator,
    };
  }

  /** The ledger as CSV (csv-stringify), every text cell guarded against formula injection. */
  async csv(filter: LedgerFilter, now: Date): Promise<string> {
    const records: (string | number | null)[][] = [];
    for await (const line of this.all(filter, now))
      records.push(CSV_COLUMNS.map(([, cell]) => cell(line)));
    return stringify(records, {
      header: true,
      columns: CSV_COLUMNS.map(([name]) => name),
      cast: { string: escapeFormula },
    });
  }
}
