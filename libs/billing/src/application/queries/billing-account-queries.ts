import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

export interface BillingAccountSummary {
  accountId: string;
  operator: string;
  policyVersion: string;
  customerType: string;
  openedAt: string;
  invoices: number;
  penaltiesCents: number;
  interestCents: number;
  revision: number;
}

interface Row {
  account_id: string;
  operator: string;
  policy_version: string;
  customer_type: string;
  opened_at: Date | string;
  invoices: number;
  penalties_cents: number;
  interest_cents: number;
  revision: number;
}

/** Reads of the billing read model (eventually consistent with the log). */
export class BillingAccountQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async list(filter: {
    operator?: string;
    invoiceNumber?: string;
    after?: string;
    limit?: number;
  }): Promise<{ items: BillingAccountSummary[]; next: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.operator) where.push(`a.operator = ${param(filter.operator)}`);
    if (filter.invoiceNumber)
      where.push(
        `EXISTS (SELECT 1 FROM ${this.schema}.billing_invoices i WHERE i.account_id = a.account_id AND i.invoice_number = ${param(filter.invoiceNumber)})`,
      );
    if (filter.after) where.push(`a.account_id > ${param(filter.after)}::uuid`);
    const limit = filter.limit ?? 50;
    const { rows } = await this.db.query<Row>(
      `SELECT a.* FROM ${this.schema}.billing_accounts a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.account_id LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => ({
      accountId: row.account_id,
      operator: row.operator,
      policyVersion: row.policy_version,
      customerType: row.customer_type,
      openedAt: new Date(row.opened_at).toISOString(),
      invoices: Number(row.invoices),
      penaltiesCents: Number(row.penalties_cents),
      interestCents: Number(row.interest_cents),
      revision: Number(row.revision),
    }));
    return { items, next: rows.length > limit ? items[items.length - 1].accountId : null };
  }
}
