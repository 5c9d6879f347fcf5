/** A real event store for the billing integration tests. */
import { TestClock } from '@sportello/clock';
import { complaintEventSchemas } from '@sportello/complaints/complaint.schemas';
import { CommandHandler } from '@sportello/eventstore';
import { ticketStoreOnPostgres } from '@sportello/tickets/testing/ticket-store';
import { billingEventSchemas } from '../billing.schemas';
import { createBillingTables } from '../billing.tables';

/** Billing and complaint events over the machine's PostgreSQL, in a schema of their own. */
export async function billingStoreOnPostgres(schemaPrefix: string, clock: TestClock) {
  const { db, schema, storage, store, dispose } = ticketStoreOnPostgres(schemaPrefix, clock, [
    ...Object.values(complaintEventSchemas),
    ...Object.values(billingEventSchemas),
  ]);
  await storage.init();
  await createBillingTables(db, schema);
  return { db, schema, store, handler: new CommandHandler(store, clock), dispose };
}
