import { liveTables, ProjectionRunner, SqlExecutor } from '@sportello/eventstore';
import { InvoiceNumbers } from './application/invoice-numbers/invoice-numbers';
import { billingAccountsProjection } from './read-models/billing-accounts.projection';

const BILLING_DDL_LOCK = 0x53_42_49_4c; // 'SBIL'

/** The API and the worker may start together: the billing tables are created under a lock. */
export async function createBillingTables(db: SqlExecutor, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BILLING_DDL_LOCK]);
    await new InvoiceNumbers(tx, schema).init();
    await tx.exec(ProjectionRunner.ddl(schema));
    await billingAccountsProjection.createTables(tx, liveTables(schema, billingAccountsProjection));
  });
}
