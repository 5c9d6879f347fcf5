import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';
import { decodeCursor, encodeCursor } from '@sportello/tickets';

export interface DirectoryErrorListFilter {
  status?: string;
  operator?: string;
  medium?: string;
  errorKind?: string;
  customerType?: string;
  /** true / false: decided so; `pending`: not decided yet (DIR-6). */
  attribution?: 'attributable' | 'not_attributable' | 'pending';
  indemnityStatus?: string;
  reportedFrom?: string;
  reportedBefore?: string;
  reference?: string;
  cursor?: string;
  limit?: number;
}

export interface DirectoryErrorSummary {
  errorId: string;
  reference: string;
  operator: string;
  policyVersion: string;
  status: string;
  medium: string;
  errorKind: string;
  wrongFields: string[];
  customerType: string;
  channel: string;
  erroneousSince: string;
  discoveredOn: string;
  reportedAt: string;
  attributable: boolean | null;
  decidedAt: string | null;
  indemnity: {
    status: string;
    creditedCents: number | null;
    regulatoryReferenceCents: number | null;
    regulatoryReferenceYears: number | null;
    currency: 'EUR';
  } | null;
  correctedOn: string | null;
  revision: number;
}

interface Row {
  error_id: string;
  reference: string;
  operator: string;
  policy_version: string;
  status: string;
  medium: string;
  error_kind: string;
  wrong_fields: string[];
  customer_type: string;
  channel: string;
  erroneous_since: string;
  discovered_on: string;
  reported_at: Date | string;
  attributable: boolean | null;
  decided_at: Date | string | null;
  indemnity_status: string | null;
  credited_cents: number | null;
  reference_cents: number | null;
  reference_years: number | null;
  corrected_on: string | null;
  revision: number;
}

const iso = (value: Date | string) => new Date(value).toISOString();

function toSummary(row: Row): DirectoryErrorSummary {
  return {
    errorId: row.error_id,
    reference: row.reference,
    operator: row.operator,
    policyVersion: row.policy_version,
    status: row.status,
    medium: row.medium,
    errorKind: row.error_kind,
    wrongFields: row.wrong_fields,
    customerType: row.customer_type,
    channel: row.channel,
    erroneousSince: row.erroneous_since,
    discoveredOn: row.discovered_on,
    reportedAt: iso(row.reported_at),
    attributable: row.attributable,
    decidedAt: row.decided_at === null ? null : iso(row.decided_at),
    indemnity: row.indemnity_status
      ? {
          status: row.indemnity_status,
          creditedCents: row.credited_cents,
          regulatoryReferenceCents: row.reference_cents,
          regulatoryReferenceYears: row.reference_years,
          currency: 'EUR',
        }
      : null,
    correctedOn: row.corrected_on,
    revision: Number(row.revision),
  };
}

/** Reads of the directory errors read model (eventually consistent with the log). */
export class DirectoryErrorQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async list(
    filter: DirectoryErrorListFilter,
  ): Promise<{ items: DirectoryErrorSummary[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.status) where.push(`status = ${param(filter.status)}`);
    if (filter.operator) where.push(`operator = ${param(filter.operator)}`);
    if (filter.medium) where.push(`medium = ${param(filter.medium)}`);
    if (filter.errorKind) where.push(`error_kind = ${param(filter.errorKind)}`);
    if (filter.customerType) where.push(`customer_type = ${param(filter.customerType)}`);
    if (filter.attribution === 'attributable') where.push('attributable = true');
    if (filter.attribution === 'not_attributable') where.push('attributable = false');
    if (filter.attribution === 'pending') where.push('attributable IS NULL');
    if (filter.indemnityStatus) where.push(`indemnity_status = ${param(filter.indemnityStatus)}`);
    if (filter.reportedFrom) where.push(`reported_at >= ${param(filter.reportedFrom)}`);
    if (filter.reportedBefore) where.push(`reported_at < ${param(filter.reportedBefore)}`);
    if (filter.reference) where.push(`reference = ${param(filter.reference.toUpperCase())}`);
    // Keyset pagination by (report instant, id), newest first.
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor);
      where.push(`(reported_at, error_id) < (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const limit = filter.limit ?? 50;
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM ${this.schema}.directory_errors ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY reported_at DESC, error_id DESC LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map(toSummary);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(last.reportedAt, last.errorId) : null,
    };
  }
}
