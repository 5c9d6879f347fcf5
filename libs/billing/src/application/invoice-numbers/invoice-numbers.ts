import { assertSchemaName, SqlExecutor } from '@sportello/eventstore';

/**
 * Invoice numbers are unique per operator, so a billing complaint's `invoice.number` finds the
 * account that owns the invoice. Reserved before the invoice is issued.
 */
export class InvoiceNumbers {
  constructor(
    private readonly db: SqlExecutor,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async init(): Promise<void> {
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS ${this.schema};
      CREATE TABLE IF NOT EXISTS ${this.schema}.billing_invoice_numbers (
        operator       text NOT NULL,
        invoice_number text NOT NULL,
        account_id     uuid NOT NULL,
        PRIMARY KEY (operator, invoice_number)
      );`);
  }

  /** The owning account: `accountId` if the number was free (`fresh`) or already its own. */
  async reserve(
    operator: string,
    invoiceNumber: string,
    accountId: string,
  ): Promise<{ owner: string; fresh: boolean }> {
    const { rows } = await this.db.query<{ account_id: string }>(
      `INSERT INTO ${this.schema}.billing_invoice_numbers (operator, invoice_number, account_id)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING account_id::text AS account_id`,
      [operator, invoiceNumber, accountId],
    );
    if (rows.length) return { owner: accountId, fresh: true };
    const owner = await this.accountOf(operator, invoiceNumber);
    if (!owner) return this.reserve(operator, invoiceNumber, accountId);
    return { owner, fresh: false };
  }

  /** Undoes a fresh reservation whose invoice was refused. */
  async release(operator: string, invoiceNumber: string, accountId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM ${this.schema}.billing_invoice_numbers
        WHERE operator = $1 AND invoice_number = $2 AND account_id = $3`,
      [operator, invoiceNumber, accountId],
    );
  }

  async accountOf(operator: string, invoiceNumber: string): Promise<string | null> {
    const { rows } = await this.db.query<{ account_id: string }>(
      `SELECT account_id::text AS account_id FROM ${this.schema}.billing_invoice_numbers
        WHERE operator = $1 AND invoice_number = $2`,
      [operator, invoiceNumber],
    );
    return rows[0]?.account_id ?? null;
  }
}
